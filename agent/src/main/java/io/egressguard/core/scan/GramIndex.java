package io.egressguard.core.scan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Finds occurrences of many fixed byte strings without looking at every byte.
 *
 * <p>The text is sampled every {@code stride} bytes; at each sample the 4 bytes there are hashed and
 * looked up. A pattern of length {@code L >= stride + 3} always covers some sample with all 4 of its
 * bytes, at an offset {@code phase + k * stride} for some phase between 0 and {@code stride - 1}, so
 * each pattern is indexed once per phase, under the rarest of the grams at that phase's offsets. A small
 * bit set rejects almost every sample before the index itself is touched; a candidate is confirmed by
 * comparing the whole pattern.
 *
 * <p>Cost per byte of text is about {@code 1/stride} of a hash and a bit test, whatever the number of
 * patterns; memory is about {@code stride} small entries per pattern.
 */
final class GramIndex {

    static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MULTIPLIER = 0x9E3779B1;

    final int stride;
    private final int filterShift;
    private final long[] filter;
    private final int bucketShift;
    private final int[] bucketStart;
    private final int[] entries; // pattern index << 8 | offset

    private GramIndex(int stride, int filterBits, long[] filter, int bucketBits, int[] bucketStart, int[] entries) {
        this.stride = stride;
        this.filterShift = 32 - filterBits;
        this.filter = filter;
        this.bucketShift = 32 - bucketBits;
        this.bucketStart = bucketStart;
        this.entries = entries;
    }

    /**
     * @param arena    all pattern bytes
     * @param starts   where each pattern starts in the arena
     * @param lengths  each pattern's length
     * @param members  indexes of the patterns this grid covers (each at least {@code stride + 3} long)
     */
    static GramIndex build(int stride, byte[] arena, int[] starts, int[] lengths, int[] members) {
        if (stride < 1 || stride > 255) {
            throw new IllegalArgumentException("stride " + stride);
        }
        int count = members.length * stride;
        // about four entries a bucket: the bucket table stays a quarter of the entries, and the filter still
        // rejects most samples before a bucket is read
        int bucketBits = Math.max(8, 30 - Integer.numberOfLeadingZeros(Math.max(1, count - 1)));
        int filterBits = Math.min(26, bucketBits + 5);
        long[] filter = new long[Math.max(1, (1 << filterBits) >>> 6)];
        // How often each gram occurs in the patterns (approximately: counted by hash). Many secrets share
        // a vendor prefix ("sk-proj-", "ghp_"); indexing them all under its grams would make every
        // occurrence of the prefix a candidate for each of them.
        int[] popularity = new int[1 << COUNT_BITS];
        for (int member : members) {
            int usable = usableOffsets(lengths[member]);
            for (int off = 0; off < usable; off++) {
                popularity[(((int) INT_LE.get(arena, starts[member] + off)) * MULTIPLIER) >>> (32 - COUNT_BITS)]++;
            }
        }
        int[] grams = new int[count];
        int[] values = new int[count];
        int n = 0;
        for (int member : members) {
            int usable = usableOffsets(lengths[member]);
            for (int phase = 0; phase < stride; phase++) {
                // A text sampled every stride bytes samples this pattern at phase, phase + stride, ... (for
                // some phase): one of those offsets per phase suffices; take the one with the rarest gram.
                int best = phase;
                int bestCount = Integer.MAX_VALUE;
                for (int off = phase; off < usable; off += stride) {
                    int c = popularity[(((int) INT_LE.get(arena, starts[member] + off)) * MULTIPLIER) >>> (32 - COUNT_BITS)];
                    if (c < bestCount) {
                        best = off;
                        bestCount = c;
                    }
                }
                grams[n] = (int) INT_LE.get(arena, starts[member] + best);
                values[n] = member << 8 | best;
                n++;
            }
        }
        int bucketShift = 32 - bucketBits;
        int filterShift = 32 - filterBits;
        int[] counts = new int[(1 << bucketBits) + 1];
        for (int i = 0; i < n; i++) {
            int h = grams[i] * MULTIPLIER;
            counts[(h >>> bucketShift) + 1]++;
            int f = h >>> filterShift;
            filter[f >>> 6] |= 1L << f;
        }
        for (int i = 1; i < counts.length; i++) {
            counts[i] += counts[i - 1];
        }
        int[] bucketStart = Arrays.copyOf(counts, counts.length);
        int[] fill = Arrays.copyOf(counts, counts.length);
        int[] entries = new int[n];
        for (int i = 0; i < n; i++) {
            int b = (grams[i] * MULTIPLIER) >>> bucketShift;
            entries[fill[b]++] = values[i];
        }
        return new GramIndex(stride, filterBits, filter, bucketBits, bucketStart, entries);
    }

    private static final int COUNT_BITS = 20;
    /** The furthest into a pattern the sample that reports it can be (offsets are recorded in 8 bits). */
    static final int LATEST_OFFSET = 255;

    /** Offsets of a pattern where a 4-byte gram starts, limited to what an entry can record (8 bits). */
    private static int usableOffsets(int length) {
        return Math.min(length - 3, LATEST_OFFSET + 1);
    }

    /** Callback for a candidate: pattern {@code pattern} may start at {@code textPosition}. */
    interface Candidates {
        void candidate(int pattern, int textPosition);
    }

    /**
     * Reports the candidates seen by the samples at {@code p, p + stride, ...} below {@code sampleLimit}
     * (each sample reads 4 bytes, all before {@code textEnd}); only candidates starting at or after
     * {@code minStart} are reported. Returns where the next sample would be, so that a caller can scan
     * a text piece by piece (and stop early) with the same samples as one call over the whole.
     */
    int scan(byte[] text, int minStart, int p, int sampleLimit, int textEnd, Candidates out) {
        long[] f = filter;
        int last = Math.min(sampleLimit - 1, textEnd - 4);
        for (; p <= last; p += stride) {
            int h = ((int) INT_LE.get(text, p)) * MULTIPLIER;
            int bit = h >>> filterShift;
            if ((f[bit >>> 6] & (1L << bit)) == 0) {
                continue;
            }
            int b = h >>> bucketShift;
            for (int e = bucketStart[b], end = bucketStart[b + 1]; e < end; e++) {
                int v = entries[e];
                int start = p - (v & 0xff);
                if (start >= minStart) {
                    out.candidate(v >>> 8, start);
                }
            }
        }
        return Math.max(p, sampleLimit);
    }

    /** Bytes of memory this index holds, for the footprint report. */
    long footprint() {
        return filter.length * 8L + bucketStart.length * 4L + entries.length * 4L;
    }
}
