package io.egressguard.core.scan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searches of a byte range for one of two byte values, eight bytes per step (a long read through a
 * byte-array view, tested with the classic has-zero-byte trick). Unlike {@code String.indexOf} the
 * search stops at an end, so a caller walking a long text match by match does not read to its end
 * each time.
 */
public final class ByteSearch {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteSearch() {}

    /** The first index in {@code bytes[from, to)} holding {@code a} or {@code b}, or -1. */
    public static int indexOfEither(byte[] bytes, int from, int to, byte a, byte b) {
        long pa = ONES * (a & 0xff);
        long pb = ONES * (b & 0xff);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long v = (long) LONGS.get(bytes, i);
            long xa = v ^ pa;
            long xb = v ^ pb;
            // a byte of xa or xb is zero where v holds a or b; the lowest flagged byte is exact (borrows
            // only run upwards), and little-endian order makes it the first in the array
            long found = ((xa - ONES) & ~xa | (xb - ONES) & ~xb) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == a || bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
