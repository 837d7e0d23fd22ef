package io.egressguard.core.redact;

import io.egressguard.bootstrap.Redaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Redacts a byte stream (UTF-8 text) on its way to {@code downstream}. Complete lines are redacted and
 * written as soon as they arrive; a partial line is held back until its line ends, the stream is
 * flushed (then all but a tail that could be the start of a secret is written) or closed. So a secret
 * written in two pieces is still caught, and interactive prompts still appear when flushed.
 */
final class RedactingOutputStream extends OutputStream {

    private static final int MAX_PENDING = 64 * 1024;

    private final OutputStream downstream;
    private final RedactionService service;
    private final Redaction.Sink sink;
    private final int holdBack;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);
    private final boolean sameLength;

    RedactingOutputStream(OutputStream downstream, RedactionService service, Redaction.Sink sink, int maxMatchLength) {
        this(downstream, service, sink, maxMatchLength, false);
    }

    /** @param sameLength every replacement keeps the length of what it replaces (announced body lengths) */
    RedactingOutputStream(OutputStream downstream, RedactionService service, Redaction.Sink sink, int maxMatchLength,
            boolean sameLength) {
        this.downstream = downstream;
        this.service = service;
        this.sink = sink;
        this.holdBack = Math.max(0, maxMatchLength - 1);
        this.sameLength = sameLength;
    }

    Redaction.Sink sink() {
        return sink;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        pending.write(b);
        if (b == '\n') {
            emitUpTo(pending.size());
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        pending.write(b, off, len);
        int lastNewline = -1;
        for (int i = off + len - 1; i >= off; i--) {
            if (b[i] == '\n') {
                lastNewline = pending.size() - (off + len - i) + 1;
                break;
            }
        }
        if (lastNewline > 0) {
            emitUpTo(lastNewline);
        } else if (pending.size() > MAX_PENDING) {
            emitUpTo(pending.size() - holdBack);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        int size = pending.size();
        if (size > 0) {
            byte[] all = pending.toByteArray();
            int keep = service.possibleMatchPrefix(all, 0, size);
            emitUpTo(size - keep);
        }
        downstream.flush();
    }

    /** Writes everything held back, whatever it is; for the end of the JVM. */
    synchronized void drain() throws IOException {
        emitUpTo(pending.size());
        downstream.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        emitUpTo(pending.size());
        downstream.close();
    }

    /** Redacts and writes the first {@code count} pending bytes. */
    private void emitUpTo(int count) throws IOException {
        if (count <= 0) {
            return;
        }
        byte[] all = pending.toByteArray();
        byte[] redacted = service.redact(sink, all, 0, count, sameLength);
        if (redacted == null) {
            downstream.write(all, 0, count);
        } else {
            downstream.write(redacted);
        }
        pending.reset();
        pending.write(all, count, all.length - count);
    }
}
