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
 * (keyword index, start offset), in order of its end; nothing is allocated while no keyword occurs.
 *
 * <p>How: an Aho-Corasick automaton compiled into a dense transition table. Characters are first
 * mapped to a small alphabet (one class per character that appears in some keyword, everything else
 * in class 0), so the table stays small enough to live in cache even with hundreds of keywords; each
 * text character then costs two array reads, whatever the number of keywords.
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
    /** {@code next[state * classes + class]}: the automaton, failure links already folded in. */
    private final int[] next;
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
        output = new int[states][];
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
    }

    int size() {
        return keywords.length;
    }

    String keyword(int index) {
        return keywords[index];
    }

    /** Reports each occurrence of each keyword in {@code text}. */
    void search(CharSequence text, Hits hits) {
        final byte[] classOf = this.classOf;
        final int[] next = this.next;
        final int classes = this.classes;
        int n = text.length();
        int s = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int k = c < 128 ? classOf[c] : 0;
            s = next[s * classes + k];
            if (s != 0) {
                int[] out = output[s];
                if (out != null) {
                    for (int kw : out) {
                        hits.hit(kw, i + 1 - keywords[kw].length());
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "KeywordSearch" + Arrays.toString(keywords);
    }
}
