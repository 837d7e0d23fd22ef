package io.egressguard.core.scan.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds every occurrence of a fixed set of keywords in a text, ignoring ASCII case, in one pass.
 *
 * <p>This is the prefilter of {@link DetectorScanner}: a detector's regular expression only runs near
 * an occurrence of one of its keywords. The contract the scanner relies on is only this: every
 * occurrence of every keyword is reported once, as (keyword index, start offset), in any order, and
 * nothing is allocated when no keyword occurs. The implementation is deliberately simple (keywords are
 * bucketed by their first character and compared at each position); a multi-pattern automaton can
 * replace it without changing the scanner.
 */
final class KeywordSearch {

    /** Receives the keyword occurrences. */
    interface Hits {
        void hit(int keyword, int start);
    }

    private final String[] keywords;
    /** For each ASCII character (already lower-cased), the indexes of the keywords starting with it. */
    private final int[][] byFirstChar = new int[128][];

    KeywordSearch(List<String> keywords) {
        this.keywords = keywords.toArray(new String[0]);
        List<List<Integer>> buckets = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            buckets.add(new ArrayList<>());
        }
        for (int i = 0; i < this.keywords.length; i++) {
            String k = this.keywords[i];
            if (k.isEmpty()) {
                throw new IllegalArgumentException("empty keyword");
            }
            for (int j = 0; j < k.length(); j++) {
                char c = k.charAt(j);
                if (c >= 128 || (c >= 'A' && c <= 'Z')) {
                    throw new IllegalArgumentException("keywords are lower-case ASCII: " + k);
                }
            }
            buckets.get(k.charAt(0)).add(i);
        }
        for (int c = 0; c < 128; c++) {
            List<Integer> b = buckets.get(c);
            if (!b.isEmpty()) {
                byFirstChar[c] = b.stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }

    int size() {
        return keywords.length;
    }

    String keyword(int index) {
        return keywords[index];
    }

    void search(CharSequence text, Hits hits) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = lower(text.charAt(i));
            if (c >= 128) {
                continue;
            }
            int[] candidates = byFirstChar[c];
            if (candidates == null) {
                continue;
            }
            for (int k : candidates) {
                if (matchesAt(text, i, keywords[k])) {
                    hits.hit(k, i);
                }
            }
        }
    }

    private static boolean matchesAt(CharSequence text, int at, String keyword) {
        int len = keyword.length();
        if (at + len > text.length()) {
            return false;
        }
        for (int j = 1; j < len; j++) {
            if (lower(text.charAt(at + j)) != keyword.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
