package io.egressguard.core.redact;

import io.egressguard.bootstrap.Redaction;
import java.util.Arrays;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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
    /**
     * The bytes held back, {@code pending[0, size)}: written to and emitted from in place, so a long line
     * is not copied again each time a piece of it arrives or leaves.
     */
    private byte[] pending = new byte[256];
    private int size;
    private final boolean sameLength;
    private final Consumer<String> onReplaced;
    /** Writes the rest of a line held back by a flush; null for request bodies, which wait for their end. */
    private final ScheduledExecutorService timer;
    private boolean partialLineScheduled;
    private static final long PARTIAL_LINE_DELAY_MILLIS = 50;

    RedactingOutputStream(OutputStream downstream, RedactionService service, Redaction.Sink sink, int maxMatchLength) {
        this(downstream, service, sink, maxMatchLength, false, null, null);
    }

    /**
     * @param sameLength every replacement keeps the length of what it replaces (announced body lengths)
     * @param onReplaced told the name of each secret or detector replaced, once per replacement; may be null
     */
    RedactingOutputStream(OutputStream downstream, RedactionService service, Redaction.Sink sink, int maxMatchLength,
            boolean sameLength, Consumer<String> onReplaced, ScheduledExecutorService timer) {
        this.timer = timer;
        this.downstream = downstream;
        this.service = service;
        this.sink = sink;
        this.holdBack = Math.max(0, maxMatchLength - 1);
        this.sameLength = sameLength;
        this.onReplaced = onReplaced;
    }

    Redaction.Sink sink() {
        return sink;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        append(new byte[] {(byte) b}, 0, 1);
        if (b == '\n') {
            emitUpTo(size);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        append(b, off, len);
        int lastNewline = -1;
        for (int i = off + len - 1; i >= off; i--) {
            if (b[i] == '\n') {
                lastNewline = size - (off + len - i) + 1;
                break;
            }
        }
        if (lastNewline > 0) {
            emitUpTo(lastNewline);
        } else if (size > MAX_PENDING) {
            emitUpTo(size - holdBack);
        }
    }

    private void append(byte[] b, int off, int len) {
        if (size + len > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(size + len, pending.length * 2));
        }
        System.arraycopy(b, off, pending, size, len);
        size += len;
    }

    /**
     * Writes the complete lines held back. What follows the last line break stays, for a moment: a
     * {@code println} reaches this stream as the text, a flush, then the line break, and a credential
     * recognised by its context ({@code password: ...}, {@code Bearer ...}) is only recognisable with the
     * whole line. Unless more arrives, the rest of the line is written a few milliseconds later
     * ({@link #flushPartialLine}), so a prompt still appears. Streams without a timer (request bodies) keep
     * it until the body ends.
     */
    @Override
    public synchronized void flush() throws IOException {
        int lastBreak = size - 1;
        while (lastBreak >= 0 && pending[lastBreak] != '\n') {
            lastBreak--;
        }
        if (lastBreak >= 0) {
            emitUpTo(lastBreak + 1);
        }
        if (size > 0 && timer != null && !partialLineScheduled) {
            partialLineScheduled = true;
            try {
                timer.schedule(this::flushPartialLine, PARTIAL_LINE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                partialLineScheduled = false;
                flushPartialLine();
            }
        }
        downstream.flush();
    }

    /** Writes the held-back rest of a line, but for a tail that could still be the start of a secret. */
    synchronized void flushPartialLine() {
        partialLineScheduled = false;
        try {
            flushHeldBack();
        } catch (IOException | RuntimeException e) {
            service.internalError("writing a redacted line", e);
        }
    }

    private void flushHeldBack() throws IOException {
        if (size > 0) {
            byte[] all = pending;
            int keep = service.possibleMatchPrefix(all, 0, size);
            int cut = size - keep;
            if (cut == size) { // the last word may go on in the next write: keep it for now
                int c = cut;
                while (c > 0 && cut - c < MAX_TOKEN && isTokenByte(all[c - 1])) {
                    c--;
                }
                cut = cut - c >= MAX_TOKEN ? cut : c;
            }
            emitUpTo(cut);
        }
        downstream.flush();
    }

    /**
     * {@code count}, or the start of a secret that begins before it and ends after it: such a secret is
     * complete in {@code all} (the hold-back is as long as the longest form), so it is written later whole.
     */
    private int notInsideASecret(byte[] all, int count) {
        io.egressguard.core.scan.SecretMatcher matcher = service.redactor().matcher();
        int from = Math.max(0, count - matcher.maxMatchLength());
        io.egressguard.core.scan.Match m = matcher.find(all, 0, size, from);
        while (m != null && m.start() < count) {
            if (m.end() > count) {
                return m.start();
            }
            m = matcher.find(all, 0, size, m.end());
        }
        return count;
    }

    /**
     * Moves a cut in the middle of a word back to the word's start: a credential recognised by its format
     * (a token, a key) is one run of such characters, and half of one is recognised by nothing.
     */
    private static int notInsideAToken(byte[] all, int count) {
        int c = count;
        while (c > 0 && count - c < MAX_TOKEN && isTokenByte(all[c - 1]) && isTokenByte(all[c])) {
            c--;
        }
        return count - c >= MAX_TOKEN ? count : c;
    }

    private static boolean isTokenByte(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '-'
                || b == '+' || b == '/' || b == '=' || b == '.' || b == '%' || b == '~' || b < 0;
    }

    /**
     * Holds back an unfinished PEM block ({@code -----BEGIN ...} without its {@code -----END}): a private
     * key is written line by line, and only the whole block is recognisable. Gives up past 16 KB.
     */
    private static int notInsideAPemBlock(byte[] all, int size, int count) {
        int begin = lastIndexOf(all, size, BEGIN, count);
        if (begin < 0 || size - begin > MAX_PEM || !privateLabel(all, size, begin + BEGIN.length)) {
            return count; // no block, a block too long to wait for, or a certificate or public key: no secret
        }
        // the block may be written only with its whole end line: "-----END " alone is not an end
        int end = indexOf(all, size, END, begin);
        int endLineDone = end < 0 ? -1 : indexOf(all, size, DASHES, end + END.length);
        return endLineDone >= 0 && endLineDone + DASHES.length <= count ? count : begin;
    }

    /** Whether the PEM label starting at {@code from} (up to its closing dashes) names a private key. */
    private static boolean privateLabel(byte[] all, int size, int from) {
        int end = Math.min(size, from + 64);
        for (int i = from; i + PRIVATE.length <= end; i++) {
            if (all[i] == '-') {
                return false;
            }
            if (startsWith(all, PRIVATE, i)) {
                return true;
            }
        }
        return end - from < 64; // the label is not complete yet: it may still say PRIVATE
    }

    private static final byte[] DASHES = "-----".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] PRIVATE = "PRIVATE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final byte[] BEGIN = "-----BEGIN ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] END = "-----END ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX_TOKEN = 4096;
    private static final int MAX_PEM = 16 * 1024;

    private static int lastIndexOf(byte[] a, int size, byte[] p, int before) {
        for (int i = Math.min(before, size - p.length); i >= 0; i--) {
            if (startsWith(a, p, i)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] a, int size, byte[] p, int from) {
        for (int i = from; i <= size - p.length; i++) {
            if (startsWith(a, p, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] a, byte[] p, int at) {
        for (int j = 0; j < p.length; j++) {
            if (a[at + j] != p[j]) {
                return false;
            }
        }
        return true;
    }

    /** Writes everything held back, whatever it is; for the end of the JVM. */
    synchronized void drain() throws IOException {
        emitAll();
        downstream.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        emitAll();
        downstream.close();
    }

    /** Redacts and writes the first {@code count} pending bytes, or fewer so as not to cut a secret in two. */
    private void emitUpTo(int count) throws IOException {
        emit(count, false);
    }

    /** Redacts and writes every pending byte, complete or not: the stream ends. */
    private void emitAll() throws IOException {
        emit(size, true);
    }

    private void emit(int count, boolean everything) throws IOException {
        if (count <= 0) {
            return;
        }
        byte[] all = pending;
        if (!everything) {
            if (count < size) {
                count = notInsideAToken(all, notInsideASecret(all, count));
            }
            count = notInsideAPemBlock(all, size, count);
        }
        // never cut a UTF-8 sequence in two: both halves would decode as replacement characters
        while (count < size && count > 0 && (all[count] & 0xC0) == 0x80) {
            count--;
        }
        if (count == 0) {
            return;
        }
        List<String> replaced = onReplaced == null ? null : new ArrayList<>(1);
        byte[] redacted = service.redact(sink, all, 0, count, sameLength, replaced);
        if (replaced != null) {
            replaced.forEach(onReplaced);
        }
        if (redacted == null) {
            downstream.write(all, 0, count);
        } else {
            downstream.write(redacted);
        }
        // what stays is usually a short tail: move it to the front
        System.arraycopy(all, count, all, 0, size - count);
        size -= count;
        if (size == 0 && all.length > MAX_PENDING) {
            pending = new byte[256]; // a long body passed: do not keep its buffer for good
        }
    }
}
