package io.egressguard.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteSearchTest {

    private static int naive(byte[] b, int from, int to, byte x, byte y) {
        for (int i = from; i < to; i++) {
            if (b[i] == x || b[i] == y) {
                return i;
            }
        }
        return -1;
    }

    /** The first of either byte in any range, whatever its place in a word of eight and its neighbours. */
    @Test
    void findsTheFirstOfEitherByteInAnyRange() {
        Random random = new Random(11);
        byte[] alphabet = {'%', '\\', 0, (byte) 0x80, (byte) 0xff, '$', '&', 'a', (byte) 0xa5, (byte) 0xdc};
        for (int round = 0; round < 20000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            assertEquals(naive(b, from, to, (byte) '%', (byte) '\\'), ByteSearch.indexOfEither(b, from, to, (byte) '%', (byte) '\\'));
            assertEquals(naive(b, from, to, (byte) '.', (byte) '.'), ByteSearch.indexOfEither(b, from, to, (byte) '.', (byte) '.'));
        }
    }
}
