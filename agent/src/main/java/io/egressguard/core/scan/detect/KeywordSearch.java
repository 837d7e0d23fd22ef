package io.egressguard.core.scan.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds every occurrence of a fixed set of keywords in a text, ignoring ASCII case, in one pass.
 *
 * <p>This is the prefilter of {@link DetectorScanner}: a detector's regular expression only runs near
 * an occurrence of one of its keywords. Every occurrence of every keyword is reported once, as
 * (keyword index, start offset), in order of its end; {@link #next} allocates nothing, so a scan of a
 * text without keywords costs one pass and no garbage.
 *
 * <p>How: an Aho-Corasick automaton compiled into a dense transition table. Characters are first
 * mapped to a small alphabet (one class per character that appears in some keyword, everything else
 * in class 0), so the table stays small enough to live in cache even with hundreds of keywords; each
 * text character then costs two array reads, whatever the number of keywords. While no keyword is
 * under way, a cheaper test of each triple (or pair, when some keyword is that short) of characters
 * skips positions where none can start: each step of the automaton waits for the one before, these
 * tests do not, and ordinary words start far fewer triples than pairs of the keywords.
 */
final class KeywordSearch {

    /** Receives the keyword occurrences. */
    interface Hits {
        void hit(int keyword, int start);
    }

    private final String[] keywords;
    /** Character (lower-cased ASCII) to alphabet class; non-ASCII characters are class 0. */
    private final byte[] classOf = new byte[128];
    private final int classes;
    /**
     * The automaton, failure links folded in: {@code next[row + class]} where {@code row} is a state's
     * number times {@link #classes}, and holds the next state's row, bitwise negated when some keyword
     * ends in that state. The loop of {@link #next} thus costs two loads and a sign test per character.
     */
    private final int[] next;
    /**
     * Which pairs of character classes begin some keyword, indexed {@code first * classes + second};
     * null when a keyword is a single character (then no pair can be skipped).
     */
    private final boolean[] startPair;
    /**
     * Which triples of character classes begin some keyword, as bits indexed
     * {@code (first * classes + second) * classes + third}; null unless every keyword has 3 characters or
     * more. Used instead of {@link #startPair} when present: fewer ordinary words pass it.
     */
    private final long[] startTriple;
    /** Per state, the keywords that end there (its own and those of its failure chain); null if none. */
    private final int[][] output;

    KeywordSearch(List<String> keywords) {
        this.keywords = keywords.toArray(new String[0]);
        int cls = 1;
        for (String k : this.keywords) {
            if (k.isEmpty()) {
                throw new IllegalArgumentException("empty keyword");
            }
            for (int j = 0; j < k.length(); j++) {
                char c = k.charAt(j);
                if (c >= 128 || (c >= 'A' && c <= 'Z')) {
                    throw new IllegalArgumentException("keywords are lower-case ASCII: " + k);
                }
                if (classOf[c] == 0) {
                    if (cls == 127) {
                        throw new IllegalArgumentException("too many distinct keyword characters");
                    }
                    classOf[c] = (byte) cls++;
                    if (c >= 'a' && c <= 'z') {
                        classOf[c - 'a' + 'A'] = classOf[c]; // ASCII case folding
                    }
                }
            }
        }
        this.classes = cls;

        // the trie
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        trie.add(new int[classes]);
        ends.add(new ArrayList<>());
        for (int i = 0; i < this.keywords.length; i++) {
            int s = 0;
            for (char c : this.keywords[i].toCharArray()) {
                int k = classOf[c];
                if (trie.get(s)[k] == 0) {
                    trie.get(s)[k] = trie.size();
                    trie.add(new int[classes]);
                    ends.add(new ArrayList<>());
                }
                s = trie.get(s)[k];
            }
            ends.get(s).add(i);
        }

        // breadth-first: failure links, folded into a complete transition table
        int states = trie.size();
        int[] fail = new int[states];
        next = new int[states * classes];
        int[][] output = new int[states][];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k = 1; k < classes; k++) {
            int child = trie.get(0)[k];
            next[k] = child;
            if (child != 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            List<Integer> out = new ArrayList<>(ends.get(s));
            int[] inherited = output[fail[s]];
            if (inherited != null) {
                for (int o : inherited) {
                    out.add(o);
                }
            }
            output[s] = out.isEmpty() ? null : out.stream().mapToInt(Integer::intValue).toArray();
            for (int k = 1; k < classes; k++) {
                int child = trie.get(s)[k];
                if (child != 0) {
                    fail[child] = next[fail[s] * classes + k];
                    next[s * classes + k] = child;
                    queue.add(child);
                } else {
                    next[s * classes + k] = next[fail[s] * classes + k];
                }
            }
            // class 0 (a character in no keyword) always leads back to the root: already 0
        }
        for (int i = 0; i < next.length; i++) {
            int target = next[i];
            next[i] = output[target] == null ? target * classes : ~(target * classes);
        }
        this.output = output;
        boolean[] pairs = new boolean[classes * classes];
        for (String k : this.keywords) {
            if (k.length() < 2) {
                pairs = null;
                break;
            }
            pairs[classOf[k.charAt(0)] * classes + classOf[k.charAt(1)]] = true;
        }
        this.startPair = pairs;
        long[] triples = new long[(classes * classes * classes + 63) >>> 6];
        for (String k : this.keywords) {
            if (k.length() < 3) {
                triples = null;
                break;
            }
            int t = (classOf[k.charAt(0)] * classes + classOf[k.charAt(1)]) * classes + classOf[k.charAt(2)];
            triples[t >>> 6] |= 1L << t;
        }
        this.startTriple = triples;
    }

    int size() {
        return keywords.length;
    }

    String keyword(int index) {
        return keywords[index];
    }

    /** Reports each occurrence of each keyword in {@code text}. */
    void search(CharSequence text, Hits hits) {
        for (long r = next(text, 0, 0); r >= 0; r = next(text, position(r) + 1, state(r))) {
            int end = position(r) + 1;
            for (int kw : endingAt(state(r))) {
                hits.hit(kw, end - keywords[kw].length());
            }
        }
    }

    /**
     * Runs the automaton from {@code state} at {@code from} to the next character where some keyword
     * ends. Returns that character's position and the automaton's state there, packed (see
     * {@link #position}, {@link #state}, {@link #endingAt}); -1 when no keyword ends before the end of
     * the text. Allocates nothing, so a caller pays nothing beyond the pass when no keyword occurs.
     */
    long next(CharSequence text, int from, int state) {
        final byte[] classOf = this.classOf;
        final int[] next = this.next;
        final boolean[] startPair = this.startPair;
        final long[] startTriple = this.startTriple;
        final int classes = this.classes;
        int n = text.length();
        int row = state;
        int i = from;
        while (i < n) {
            int k;
            if (row == 0 && startTriple != null) {
                // At the root: skip ahead to the next three characters that can start a keyword.
                if (i + 2 >= n) {
                    return -1; // two characters left cannot complete a keyword of three or more
                }
                char a = text.charAt(i);
                char b = text.charAt(i + 1);
                int ca = a < 128 ? classOf[a] : 0;
                int cb = b < 128 ? classOf[b] : 0;
                while (true) {
                    char c = text.charAt(i + 2);
                    int cc = c < 128 ? classOf[c] : 0;
                    int t = (ca * classes + cb) * classes + cc;
                    if ((startTriple[t >>> 6] & (1L << t)) != 0) {
                        break;
                    }
                    ca = cb;
                    cb = cc;
                    i++;
                    if (i + 2 >= n) {
                        return -1;
                    }
                }
                k = ca;
            } else if (row == 0 && startPair != null) {
                // At the root no keyword is under way: skip ahead to the next two characters that can
                // start one. Unlike the automaton's steps these tests do not depend on each other.
                char a = text.charAt(i);
                int ca = a < 128 ? classOf[a] : 0;
                while (true) {
                    if (i + 1 >= n) {
                        return -1; // one character left cannot complete a keyword of two or more
                    }
                    char b = text.charAt(i + 1);
                    int cb = b < 128 ? classOf[b] : 0;
                    if (startPair[ca * classes + cb]) {
                        break;
                    }
                    ca = cb;
                    i++;
                }
                k = ca;
            } else {
                char c = text.charAt(i);
                k = c < 128 ? classOf[c] : 0;
            }
            row = next[row + k];
            if (row < 0) {
                return ((long) i << 32) | ~row;
            }
            i++;
        }
        return -1;
    }

    /** The position of the last character of the keywords found by {@link #next}. */
    static int position(long found) {
        return (int) (found >>> 32);
    }

    /** The automaton state found by {@link #next}; pass it back to continue. */
    static int state(long found) {
        return (int) found;
    }

    /** The keywords ending in the state of a {@link #next} result. */
    int[] endingAt(int state) {
        return output[state / classes];
    }

    @Override
    public String toString() {
        return "KeywordSearch" + Arrays.toString(keywords);
    }
}
