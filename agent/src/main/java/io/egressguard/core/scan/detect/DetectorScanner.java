package io.egressguard.core.scan.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * Runs a set of {@link Detector}s over a text and returns what they found.
 *
 * <p>How: one pass over the text finds every occurrence of every detector keyword ({@link KeywordSearch});
 * each occurrence opens a window of {@link Detector#window()} characters on both sides for the
 * detectors that named that keyword; a detector's windows are merged and its pattern runs only inside
 * them (with transparent bounds, so look-arounds see the text around a window). A detector whose
 * matches start at its keywords ({@link Detector#startsAtKeyword()}) is only tried at those positions,
 * each match spanning at most its window. A text without any keyword costs one pass and no allocation.
 *
 * <p>Usable as the redactor's format detection: {@code TextRedactor.FormatDetection d = scanner::find}.
 *
 * <p>What: the findings do not overlap and are sorted by start. When candidates overlap, a specific
 * detector beats a generic one ({@link Detector#isGeneric()}), then the longer candidate wins, then the
 * earlier, then the detector listed first. A candidate is dropped when its detector's validator rejects
 * it or when it overlaps one of the guard's own placeholders or handles ({@link GuardMarks}).
 *
 * <p>Immutable and thread-safe.
 */
public final class DetectorScanner {

    private final Detector[] detectors;
    private final KeywordSearch keywords;
    /** For each keyword of {@link #keywords}, the indexes of the detectors that named it. */
    private final int[][] detectorsByKeyword;

    public DetectorScanner(List<Detector> detectors) {
        this.detectors = detectors.toArray(new Detector[0]);
        Map<String, List<Integer>> byKeyword = new LinkedHashMap<>();
        Map<String, Boolean> ids = new LinkedHashMap<>();
        for (int d = 0; d < this.detectors.length; d++) {
            Detector detector = this.detectors[d];
            if (ids.put(detector.id(), Boolean.TRUE) != null) {
                throw new IllegalArgumentException("two detectors with the id " + detector.id());
            }
            for (String k : detector.keywords()) {
                List<Integer> list = byKeyword.computeIfAbsent(k, x -> new ArrayList<>());
                if (!list.contains(d)) {
                    list.add(d);
                }
            }
        }
        this.keywords = new KeywordSearch(new ArrayList<>(byKeyword.keySet()));
        this.detectorsByKeyword = new int[byKeyword.size()][];
        int i = 0;
        for (List<Integer> list : byKeyword.values()) {
            detectorsByKeyword[i++] = list.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    public List<Detector> detectors() {
        return List.of(detectors);
    }

    /** The credentials found in {@code text}: non-overlapping, sorted by start. */
    public List<Finding> find(CharSequence text) {
        if (text.length() == 0) {
            return List.of();
        }
        long hit = keywords.next(text, 0, 0);
        if (hit < 0) {
            return List.of(); // the common case: one pass, nothing allocated
        }
        Windows windows = new Windows(detectors.length);
        int n = text.length();
        for (; hit >= 0; hit = keywords.next(text, KeywordSearch.position(hit) + 1, KeywordSearch.state(hit))) {
            int end = KeywordSearch.position(hit) + 1;
            for (int k : keywords.endingAt(KeywordSearch.state(hit))) {
                int at = end - keywords.keyword(k).length();
                for (int d : detectorsByKeyword[k]) {
                    Detector detector = detectors[d];
                    int w = detector.window();
                    if (detector.startsAtKeyword()) {
                        windows.add(d, at, (int) Math.min(n, (long) at + detector.anchorSlack() + w));
                    } else {
                        windows.add(d, Math.max(0, at - w), (int) Math.min(n, (long) end + w));
                    }
                }
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int d = 0; d < detectors.length; d++) {
            if (detectors[d].startsAtKeyword()) {
                long[] anchors = windows.distinct(d);
                if (anchors != null) {
                    runAnchored(d, text, anchors, candidates);
                }
            } else {
                long[] spans = windows.merged(d);
                if (spans != null) {
                    runDetector(d, text, spans, candidates);
                }
            }
        }
        return resolve(candidates);
    }

    private void runDetector(int d, CharSequence text, long[] spans, List<Candidate> out) {
        Detector detector = detectors[d];
        Matcher m = detector.pattern().matcher(text);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        int g = detector.group();
        for (long span : spans) {
            int from = (int) (span >>> 32);
            int to = (int) span;
            int pos = from;
            while (pos < to) {
                m.region(pos, to);
                if (!m.find()) {
                    break;
                }
                int s = m.start(g);
                int e = m.end(g);
                boolean accepted = s >= 0 && e > s && accept(detector, text, s, e);
                if (accepted) {
                    out.add(new Candidate(detectors, d, s, e));
                    pos = Math.max(m.end(), m.start() + 1);
                } else {
                    pos = m.start() + 1; // a rejected match may hide an acceptable one starting later
                }
            }
        }
    }

    /** Tries the pattern only where a match may start: at each keyword occurrence, plus the detector's slack. */
    private void runAnchored(int d, CharSequence text, long[] anchors, List<Candidate> out) {
        Detector detector = detectors[d];
        Matcher m = detector.pattern().matcher(text);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        int g = detector.group();
        // Anchors are sorted. A start tried for one keyword is not tried again for the next, nor is a
        // start inside a credential already found (the payload of a JWT, a key name inside a value),
        // as find() would not; a rejected match hides nothing.
        int tried = -1;
        for (long anchor : anchors) {
            int at = (int) (anchor >>> 32);
            int to = (int) anchor;
            for (int pos = at; pos <= at + detector.anchorSlack() && pos < to; pos++) {
                if (pos <= tried) {
                    continue;
                }
                tried = pos;
                m.region(pos, to);
                if (m.lookingAt()) {
                    int s = m.start(g);
                    int e = m.end(g);
                    if (s >= 0 && e > s && accept(detector, text, s, e)) {
                        out.add(new Candidate(detectors, d, s, e));
                        tried = Math.max(tried, m.end() - 1);
                    }
                }
            }
        }
    }

    private static boolean accept(Detector detector, CharSequence text, int s, int e) {
        if (GuardMarks.overlapsMark(text, s, e)) {
            return false;
        }
        Detector.Validator v = detector.validator();
        return v == null || v.isCredential(text.subSequence(s, e));
    }

    private List<Finding> resolve(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        candidates.sort(PRECEDENCE);
        TreeMap<Integer, Candidate> accepted = new TreeMap<>();
        for (Candidate c : candidates) {
            Entry<Integer, Candidate> before = accepted.floorEntry(c.start);
            if (before != null && before.getValue().end > c.start) {
                continue;
            }
            Entry<Integer, Candidate> after = accepted.ceilingEntry(c.start);
            if (after != null && after.getKey() < c.end) {
                continue;
            }
            accepted.put(c.start, c);
        }
        List<Finding> out = new ArrayList<>(accepted.size());
        for (Candidate c : accepted.values()) {
            out.add(new Finding(detectors[c.detector], c.start, c.end));
        }
        return Collections.unmodifiableList(out);
    }

    /** Specific before generic, then longer, then earlier, then the detector listed first (without boxing). */
    private static final Comparator<Candidate> PRECEDENCE = (a, b) -> {
        if (a.generic != b.generic) {
            return a.generic ? 1 : -1;
        }
        int c = Integer.compare(b.end - b.start, a.end - a.start);
        if (c == 0) {
            c = Integer.compare(a.start, b.start);
        }
        return c != 0 ? c : Integer.compare(a.detector, b.detector);
    };

    private static final class Candidate {
        final int detector;
        final boolean generic;
        final int start;
        final int end;

        Candidate(Detector[] detectors, int detector, int start, int end) {
            this.detector = detector;
            this.generic = detectors[detector].isGeneric();
            this.start = start;
            this.end = end;
        }
    }

    /** Per detector, the windows its keyword occurrences opened, packed as (start << 32 | end). */
    private static final class Windows {
        private final int detectors;
        private long[][] spans;
        private int[] counts;

        Windows(int detectors) {
            this.detectors = detectors;
        }

        void add(int d, int start, int end) {
            if (spans == null) {
                spans = new long[detectors][];
                counts = new int[detectors];
            }
            long[] a = spans[d];
            if (a == null) {
                a = spans[d] = new long[4];
            } else if (counts[d] == a.length) {
                a = spans[d] = Arrays.copyOf(a, a.length * 2);
            }
            a[counts[d]++] = ((long) start << 32) | (end & 0xffffffffL);
        }

        /** The windows of detector {@code d}, sorted, duplicates removed; null if it has none. */
        long[] distinct(int d) {
            long[] a = spans == null ? null : spans[d];
            if (a == null) {
                return null;
            }
            int n = counts[d];
            Arrays.sort(a, 0, n);
            int out = 0;
            for (int i = 0; i < n; i++) {
                if (out == 0 || a[out - 1] != a[i]) {
                    a[out++] = a[i];
                }
            }
            return Arrays.copyOf(a, out);
        }

        /** The windows of detector {@code d}, sorted and merged; null if it has none. */
        long[] merged(int d) {
            long[] a = spans == null ? null : spans[d];
            if (a == null) {
                return null;
            }
            int n = counts[d];
            Arrays.sort(a, 0, n);
            int out = 0;
            for (int i = 0; i < n; i++) {
                int s = (int) (a[i] >>> 32);
                int e = (int) a[i];
                if (out > 0) {
                    int ps = (int) (a[out - 1] >>> 32);
                    int pe = (int) a[out - 1];
                    if (s <= pe) {
                        a[out - 1] = ((long) ps << 32) | (Math.max(pe, e) & 0xffffffffL);
                        continue;
                    }
                }
                a[out++] = a[i];
            }
            return Arrays.copyOf(a, out);
        }
    }
}
