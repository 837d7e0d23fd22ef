package io.egressguard.core.scan.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the whole catalog over every example of {@code detectors/examples.tsv}: a true positive must be
 * found exactly where it is marked and by its detector, a false positive must not be found at all.
 */
class DetectorExamplesTest {

    static final char OPEN = '\u27e6';
    static final char CLOSE = '\u27e7';
    private static final DetectorScanner SCANNER = DetectorCatalog.scanner(Set.of());

    /** One line of the examples file. */
    static final class Example {
        final int line;
        final String id;
        final boolean truePositive;
        final String marked;

        Example(int line, String id, boolean truePositive, String marked) {
            this.line = line;
            this.id = id;
            this.truePositive = truePositive;
            this.marked = marked;
        }

        @Override
        public String toString() {
            return "line " + line + " " + id + " " + (truePositive ? "tp" : "fp");
        }
    }

    static List<Example> examples() {
        List<Example> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                DetectorExamplesTest.class.getResourceAsStream("/detectors/examples.tsv"), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", 3);
                if (cols.length != 3 || !(cols[1].equals("tp") || cols[1].equals("fp"))) {
                    throw new IllegalStateException("examples.tsv:" + n + ": expected id<TAB>tp|fp<TAB>text");
                }
                out.add(new Example(n, cols[0], cols[1].equals("tp"), unescape(cols[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                b.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The text without its marks, and the marked spans as "start-end". */
    static String plain(String marked) {
        return marked.replace(String.valueOf(OPEN), "").replace(String.valueOf(CLOSE), "");
    }

    static List<String> markedSpans(String marked) {
        List<String> spans = new ArrayList<>();
        int removed = 0;
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == OPEN) {
                start = i - removed;
                removed++;
            } else if (c == CLOSE) {
                spans.add(start + "-" + (i - removed));
                removed++;
            }
        }
        return spans;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void example(Example ex) {
        String text = plain(ex.marked);
        List<Finding> found = SCANNER.find(text);
        List<String> got = found.stream().map(f -> f.detectorId() + "@" + f.start() + "-" + f.end()).collect(Collectors.toList());
        if (ex.truePositive) {
            List<String> want = markedSpans(ex.marked).stream().map(s -> ex.id + "@" + s).collect(Collectors.toList());
            assertTrue(!want.isEmpty(), ex + ": a true positive must mark what is to be found");
            assertEquals(want, got, ex + ": findings in " + describe(text, found));
        } else {
            assertEquals(List.of(), got, ex + ": nothing may be found in " + describe(text, found));
        }
    }

    /** Every detector has at least one true and one false positive, and every example names a detector. */
    @Test
    void everyDetectorHasExamplesOfBothKinds() {
        List<Example> all = examples();
        Set<String> ids = DetectorCatalog.ids();
        Set<String> missingTp = new TreeSet<>(ids);
        Set<String> missingFp = new TreeSet<>(ids);
        Set<String> unknown = new TreeSet<>();
        for (Example e : all) {
            (e.truePositive ? missingTp : missingFp).remove(e.id);
            if (!ids.contains(e.id)) {
                unknown.add(e.id);
            }
        }
        assertEquals(Set.of(), missingTp, "detectors without a true-positive example");
        assertEquals(Set.of(), missingFp, "detectors without a false-positive example");
        assertEquals(Set.of(), unknown, "examples naming no detector of the catalog");
    }

    /** The findings with the text they cover; examples are invented, so printing them leaks nothing. */
    private static String describe(String text, List<Finding> found) {
        StringBuilder b = new StringBuilder("'").append(text).append("': [");
        for (Finding f : found) {
            b.append(f.detectorId()).append(" '").append(text, f.start(), f.end()).append("' ");
        }
        return b.append(']').toString();
    }
}
