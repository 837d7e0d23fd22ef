package io.egressguard.core.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds short literals (detector keywords, the handle prefix, the placeholder prefix) in one sampled
 * pass. Every {@code stride} bytes the two bytes there, folded to lower case, are tested against a
 * 64-kilobit table; a keyword of length {@code K} always covers a sample with both bytes when
 * {@code stride <= K - 1}, so each keyword is indexed under the bigrams at offsets {@code 0..stride-1}.
 * Only a set bit leads to comparing keywords. The table fits in the first-level cache.
 */
final class KeywordIndex {

    private static final byte[] LOWER = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            LOWER[i] = (byte) (i >= 'A' && i <= 'Z' ? i + 32 : i);
        }
    }

    final int stride;
    private final byte[][] keywords;
    private final boolean[] caseSensitive;
    private final long[] table = new long[1024]; // 65536 bits
    private final int[][] byBigram = new int[65536][];

    /** Reports a keyword found at {@code position}. */
    interface Hits {
        void keyword(int keyword, int position);
    }

    /**
     * @param words          the keywords, each at least 3 characters
     * @param caseSensitive  per keyword: compare exactly (else ASCII case-insensitively)
     */
    KeywordIndex(List<String> words, List<Boolean> caseSensitive) {
        int min = Integer.MAX_VALUE;
        for (String w : words) {
            if (w.length() < 3) {
                throw new IllegalArgumentException("keyword shorter than 3: " + w);
            }
            min = Math.min(min, w.length());
        }
        this.stride = words.isEmpty() ? 1 : Math.max(1, min - 1);
        this.keywords = new byte[words.size()][];
        this.caseSensitive = new boolean[words.size()];
        List<List<Integer>> lists = new ArrayList<>();
        for (int i = 0; i < 65536; i++) {
            lists.add(null);
        }
        for (int k = 0; k < words.size(); k++) {
            byte[] b = words.get(k).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            keywords[k] = b;
            this.caseSensitive[k] = caseSensitive.get(k);
            for (int off = 0; off < stride && off + 1 < b.length; off++) {
                int g = (LOWER[b[off] & 0xff] & 0xff) << 8 | (LOWER[b[off + 1] & 0xff] & 0xff);
                table[g >>> 6] |= 1L << g;
                List<Integer> l = lists.get(g);
                if (l == null) {
                    l = new ArrayList<>(2);
                    lists.set(g, l);
                }
                l.add(k << 8 | off);
            }
        }
        for (int g = 0; g < 65536; g++) {
            List<Integer> l = lists.get(g);
            if (l != null) {
                int[] a = new int[l.size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = l.get(i);
                }
                byBigram[g] = a;
            }
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** As {@link GramIndex#scan}: samples below {@code sampleLimit} from {@code p}; returns the next sample. */
    int scan(byte[] text, int minStart, int p, int sampleLimit, int textEnd, Hits out) {
        long[] t = table;
        int last = Math.min(sampleLimit - 1, textEnd - 2);
        for (; p <= last; p += stride) {
            int g = (LOWER[text[p] & 0xff] & 0xff) << 8 | (LOWER[text[p + 1] & 0xff] & 0xff);
            if ((t[g >>> 6] & (1L << g)) == 0) {
                continue;
            }
            for (int v : byBigram[g]) {
                int k = v >>> 8;
                int start = p - (v & 0xff);
                if (start >= minStart && matches(text, start, textEnd, k)) {
                    out.keyword(k, start);
                }
            }
        }
        return Math.max(p, sampleLimit);
    }

    private boolean matches(byte[] text, int start, int to, int k) {
        byte[] w = keywords[k];
        if (start + w.length > to) {
            return false;
        }
        if (caseSensitive[k]) {
            for (int i = 0; i < w.length; i++) {
                if (text[start + i] != w[i]) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < w.length; i++) {
            if (LOWER[text[start + i] & 0xff] != w[i]) {
                return false;
            }
        }
        return true;
    }

    int keywordLength(int k) {
        return keywords[k].length;
    }
}
