package io.egressguard.core.policy;

import io.egressguard.core.scan.Match;
import io.egressguard.core.scan.SecretMatcher;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A request body stream that forwards bytes only once it is sure they are not part of a handle or
 * secret that may not go to this destination. It holds back the last {@code maxMatchLength - 1} bytes,
 * so the first byte of a secret is never written before the whole secret has been seen, even when it
 * arrives split across several writes. Flushing forwards everything except that tail.
 */
final class GuardedBodyStream extends OutputStream {

    private final OutputStream downstream;
    private final SecretMatcher matcher;
    private final PolicyEngine.FrozenDecision decision;
    private final int holdBack;
    private byte[] buffer;
    private int length;
    private int scannedUpTo;
    private boolean failed;

    GuardedBodyStream(OutputStream downstream, SecretMatcher matcher, PolicyEngine.FrozenDecision decision) {
        this.downstream = downstream;
        this.matcher = matcher;
        this.decision = decision;
        this.holdBack = Math.max(0, matcher.maxMatchLength() - 1);
        this.buffer = new byte[Math.max(256, holdBack * 2 + 64)];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (failed) {
            throw new IOException("Egress Guard already refused this request body");
        }
        if (len <= 0) {
            return;
        }
        ensure(length + len);
        System.arraycopy(b, off, buffer, length, len);
        length += len;
        scan(false);
        int safe = length - holdBack;
        if (safe > 0) {
            emit(safe);
        }
    }

    private void scan(boolean atEnd) throws IOException {
        // Rescan from just before the new bytes: a match may start in the held-back tail.
        int from = Math.max(0, scannedUpTo - holdBack);
        int pos = from;
        Match m;
        while ((m = matcher.find(buffer, 0, length, pos)) != null) {
            if (m.end() > length) {
                break;
            }
            try {
                decision.check(m);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
            pos = m.end();
        }
        scannedUpTo = length;
    }

    private void emit(int count) throws IOException {
        downstream.write(buffer, 0, count);
        System.arraycopy(buffer, count, buffer, 0, length - count);
        length -= count;
        scannedUpTo = Math.max(0, scannedUpTo - count);
    }

    private void ensure(int capacity) {
        if (capacity > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(capacity, buffer.length * 2));
        }
    }

    @Override
    public void flush() throws IOException {
        downstream.flush();
    }

    @Override
    public void close() throws IOException {
        if (!failed) {
            scan(true);
            if (length > 0) {
                emit(length);
            }
        }
        downstream.close();
    }
}
