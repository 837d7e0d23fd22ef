package io.egressguard.core.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The audit log: one JSON object per line, one line per decision. Lines are chained: each carries
 * {@code mac = HMAC-SHA256(key, previous mac + line)}, with a key kept encrypted in the store, so that
 * editing, removing or reordering lines is detected by {@code egress-guard audit verify}.
 *
 * <p>Recording never blocks the request that triggered it: events go to a lock-free queue that a
 * background thread writes out; the queue is drained when the JVM exits.
 */
public final class AuditLog {

    static final String GENESIS = "0000000000000000000000000000000000000000000000000000000000000000";

    private final Path file;
    private final byte[] macKey;
    /**
     * One lock per log file in this JVM. The file lock below keeps other JVMs out, but two channels of
     * one JVM may not both lock the same file (the JDK throws), so writers in one JVM take turns here first.
     */
    private static final ConcurrentHashMap<Path, Object> FILE_LOCKS = new ConcurrentHashMap<>();

    private final ConcurrentLinkedQueue<AuditEvent> queue = new ConcurrentLinkedQueue<>();
    private final Object writeLock;
    private volatile Thread writer;
    private volatile boolean closed;
    private String previousMac;
    private long sequence;
    private FileChannel channel;
    /** The file's size when this log last wrote to it; any other size means another JVM wrote since. */
    private long sizeAfterLastWrite = -1;
    private volatile IOException failure;

    private AuditLog(Path file, byte[] macKey) {
        this.file = file;
        this.macKey = macKey.clone();
        this.writeLock = FILE_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Object());
    }

    /** Opens (or creates) the log, continuing the chain from its last line. */
    public static AuditLog open(Path file, byte[] macKey) throws IOException {
        AuditLog log = new AuditLog(file, macKey);
        log.resume();
        return log;
    }

    public Path file() {
        return file;
    }

    private void resume() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        previousMac = GENESIS;
        sequence = 0;
        if (Files.exists(file) && Files.size(file) > 0) {
            String last = lastLine(file);
            if (last != null) {
                String mac = AuditLines.field(last, "mac");
                String seq = AuditLines.field(last, "seq");
                if (mac != null && mac.length() == 64) {
                    previousMac = mac;
                }
                if (seq != null) {
                    try {
                        sequence = Long.parseLong(seq);
                    } catch (NumberFormatException ignored) {
                        sequence = 0;
                    }
                }
            }
        }
    }

    /** Queues an event; returns at once. */
    public void record(AuditEvent event) {
        if (closed) {
            return;
        }
        queue.add(event);
        Thread w = writer;
        if (w == null) {
            w = startWriter();
        }
        LockSupport.unpark(w);
    }

    private synchronized Thread startWriter() {
        if (writer == null) {
            Thread t = new Thread(this::runWriter, "egress-guard-audit");
            t.setDaemon(true);
            t.start();
            writer = t;
        }
        return writer;
    }

    private void runWriter() {
        while (!closed) {
            drain();
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    /**
     * Writes out everything queued so far. Called by the writer thread, by {@link #flush} and at exit.
     * Several JVMs may share one log: each batch is appended under an exclusive file lock, after
     * re-reading the last line so that the chain continues from whoever wrote last.
     */
    void drain() {
        synchronized (writeLock) {
            if (queue.isEmpty()) {
                return;
            }
            try {
                if (channel == null) {
                    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                }
                try (java.nio.channels.FileLock ignored = channel.lock()) {
                    long size = channel.size();
                    if (size != sizeAfterLastWrite) {
                        // first batch, or another JVM appended since ours: continue the chain from the
                        // file's last line (reading it back for every batch cost a syscall per byte)
                        resume();
                    }
                    channel.position(size);
                    AuditEvent e;
                    while ((e = queue.poll()) != null) {
                        writeLine(e);
                    }
                    channel.force(false);
                    sizeAfterLastWrite = channel.position();
                }
            } catch (IOException io) {
                failure = io;
            }
        }
    }

    /** Blocks until every event recorded so far is on disk. */
    public void flush() {
        drain();
    }

    public void close() {
        drain();
        closed = true;
        synchronized (writeLock) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing at exit; nothing to do
                }
            }
        }
    }

    /** The last write error, if any, for the start-up report and tests. */
    public IOException failure() {
        return failure;
    }

    private void writeLine(AuditEvent e) throws IOException {
        sequence++;
        String body = AuditLines.body(e, sequence, previousMac);
        String mac = mac(previousMac, body);
        String line = body.substring(0, body.length() - 1) + ",\"mac\":\"" + mac + "\"}\n";
        ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        previousMac = mac;
    }

    String mac(String previous, String body) {
        return mac(macKey, previous, body);
    }

    static String mac(byte[] key, String previous, String body) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            m.update(previous.getBytes(StandardCharsets.US_ASCII));
            m.update((byte) '\n');
            byte[] out = m.doFinal(body.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(64);
            for (byte b : out) {
                sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static String lastLine(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long end = raf.length();
            long pos = end - 1;
            while (pos >= 0) {
                raf.seek(pos);
                if (raf.read() != '\n' || pos != end - 1) {
                    break;
                }
                pos--;
            }
            long lineEnd = pos + 1;
            while (pos >= 0) {
                raf.seek(pos);
                if (raf.read() == '\n') {
                    break;
                }
                pos--;
            }
            long start = pos + 1;
            int len = (int) Math.min(lineEnd - start, 1 << 20);
            if (len <= 0) {
                return null;
            }
            byte[] b = new byte[len];
            raf.seek(start);
            raf.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    static String isoTime(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
