package io.egressguard.bootstrap;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.Charset;

/**
 * Streams that redact what passes through them, for the advice on the console and on logging
 * frameworks that write to an {@link OutputStream} of their own. Each wraps a stream at most once.
 */
public final class SinkStreams {

    private SinkStreams() {}

    /**
     * {@code System.out} or {@code System.err} as the console sink sees it: the same stream, with
     * secrets replaced on their way to {@code out}. Returns {@code out} itself when it is already
     * redacting or when the agent is not active.
     */
    public static PrintStream console(PrintStream out) {
        if (out == null || out instanceof ConsoleStream || !Redaction.active()) {
            return out;
        }
        OutputStream redacting = Redaction.redacting(Redaction.Sink.CONSOLE, out);
        if (redacting == out) {
            return out;
        }
        // autoflush on, as the JVM's own System.out and System.err: a prompt written with print()
        // still appears at once (all but a tail that could be the start of a secret)
        return new ConsoleStream(redacting, charsetOf(out));
    }

    /**
     * The stream a Log4j2 {@code OutputStreamManager} writes to, redacting. A {@code FileManager}
     * with file locking casts its stream to {@code FileOutputStream}, so that one is left as it is.
     */
    public static OutputStream log4jManagerStream(Object manager, OutputStream out) {
        if (out == null || out == System.out || out == System.err) {
            return out; // the manager compares with these before closing; the console redacts them anyway
        }
        OutputStream redacting = Redaction.redacting(Redaction.Sink.LOG, out);
        if (redacting == out || locks(manager)) {
            return out; // already redacting (the usual case, cheap), or must stay a FileOutputStream
        }
        return redacting;
    }

    /** A console stream the agent made; recognised so that it is never wrapped twice. */
    public static final class ConsoleStream extends PrintStream {
        ConsoleStream(OutputStream redacting, Charset charset) {
            super(redacting, true, charset);
        }
    }

    private static Charset charsetOf(PrintStream out) {
        try {
            Method charset = PrintStream.class.getMethod("charset"); // Java 18+
            return (Charset) charset.invoke(out);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Java 11 to 17: the JVM's streams use these properties when set, else the default charset
            String name = System.getProperty(out == System.err ? "sun.stderr.encoding" : "sun.stdout.encoding");
            try {
                return name != null ? Charset.forName(name) : Charset.defaultCharset();
            } catch (RuntimeException unsupported) {
                return Charset.defaultCharset();
            }
        }
    }

    private static boolean locks(Object manager) {
        try {
            Method isLocking = manager.getClass().getMethod("isLocking");
            return Boolean.TRUE.equals(isLocking.invoke(manager));
        } catch (NoSuchMethodException e) {
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // cannot tell: leave the stream as the library expects it
        }
    }
}
