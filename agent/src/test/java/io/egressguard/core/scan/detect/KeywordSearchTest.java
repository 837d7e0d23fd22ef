package io.egressguard.core.scan.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KeywordSearchTest {

    private static List<String> hits(KeywordSearch ks, String text) {
        List<String> out = new ArrayList<>();
        ks.search(text, (k, at) -> out.add(ks.keyword(k) + "@" + at));
        out.sort(null);
        return out;
    }

    /** What a naive search reports: every keyword at every position where it occurs, ignoring ASCII case. */
    private static List<String> naive(List<String> keywords, String text) {
        List<String> out = new ArrayList<>();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String k : new TreeSet<>(keywords)) {
            for (int i = lower.indexOf(k); i >= 0; i = lower.indexOf(k, i + 1)) {
                out.add(k + "@" + i);
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void findsEveryOccurrenceIgnoringCaseIncludingOverlapsAndNestedKeywords() {
        KeywordSearch ks = new KeywordSearch(List.of("akia", "sk-", "sk-proj-", "proj", "aaa"));
        assertEquals(List.of("aaa@0", "aaa@1", "akia@5", "proj@17", "sk-@14", "sk-proj-@14"),
            hits(ks, "aaaa AKIA ... sk-PROJ-x"));
    }

    @Test
    void keywordsAtBothEdgesOfTheText() {
        KeywordSearch ks = new KeywordSearch(List.of("ghp_", "xoxb-"));
        assertEquals(List.of("ghp_@0", "xoxb-@9"), hits(ks, "ghp_ ... xoxb-"));
        assertEquals(List.of(), hits(ks, "gh"));
        assertEquals(List.of(), hits(ks, ""));
    }

    @Test
    void shortKeywordsAreFoundToo() {
        // two-character keywords are start pairs themselves; a one-character keyword turns the pair skip off
        assertEquals(List.of("ab@3", "ab@8", "abc@3"), hits(new KeywordSearch(List.of("ab", "abc")), "xx ABC xab"));
        assertEquals(List.of("q@0", "q@4"), hits(new KeywordSearch(List.of("q")), "q...q"));
    }

    @Test
    void nonAsciiTextIsSkippedNotMisread() {
        KeywordSearch ks = new KeywordSearch(List.of("key"));
        // U+212A KELVIN SIGN lower-cases to 'k' in Unicode but is not ASCII: not a keyword character
        assertEquals(List.of("key@5"), hits(ks, "\u212aey \u00e9key"));
    }

    @Test
    void agreesWithANaiveSearchOnRandomTexts() {
        Random r = new Random(42);
        String alphabet = "abcAB_-.:/ ";
        for (int round = 0; round < 200; round++) {
            List<String> keywords = new ArrayList<>();
            for (int k = 0; k < 1 + r.nextInt(8); k++) {
                keywords.add(randomText(r, "abc_-.:/", 3 + r.nextInt(3)).toLowerCase(java.util.Locale.ROOT));
            }
            String text = randomText(r, alphabet, r.nextInt(200));
            KeywordSearch ks = new KeywordSearch(new ArrayList<>(new TreeSet<>(keywords)));
            assertEquals(naive(keywords, text), hits(ks, text), "keywords " + keywords + " text " + text);
        }
    }

    @Test
    void rejectsKeywordsItCannotMatch() {
        assertThrows(IllegalArgumentException.class, () -> new KeywordSearch(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> new KeywordSearch(List.of("Upper")));
        assertThrows(IllegalArgumentException.class, () -> new KeywordSearch(List.of("caf\u00e9")));
    }

    private static String randomText(Random r, String alphabet, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
