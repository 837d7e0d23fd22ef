package io.egressguard.bootstrap;

import java.io.OutputStream;

/**
 * What advice in logging frameworks, tracing SDKs and the console calls to take secrets out of text
 * before it is written anywhere. Known secrets (and their encodings) and credentials recognised by
 * format are replaced; the replacement depends on the {@link Sink}: a placeholder
 * {@code [REDACTED:name]} for logs and traces by default, the secret's handle where the consumer may
 * hold one (a prompt to a model).
 *
 * <p>Every method is safe before the agent is installed (text passes unchanged). If redaction itself
 * fails, the text is withheld rather than written unredacted: a lost log line is better than a leaked
 * secret, and the failure is reported once on standard error.
 */
public final class Redaction {

    /** Where the text is going; each sink has its own replacement style. */
    public enum Sink {
        /** log lines (Logback, Log4j2, java.util.logging) */
        LOG,
        /** System.out and System.err */
        CONSOLE,
        /** span attributes, events, statuses, exceptions, log records of tracing SDKs */
        TRACE,
        /** request bodies to LLM APIs */
        LLM
    }

    /** Implemented by the core. */
    public interface Engine {
        /** The text with every secret replaced, or the same instance when there was nothing to replace. */
        String redact(Sink sink, String text);

        /** Redacts in place; returns true when something was replaced. */
        boolean redactInPlace(Sink sink, StringBuilder text);

        /** The bytes (UTF-8) redacted, or {@code null} when there was nothing to replace. */
        byte[] redact(Sink sink, byte[] bytes, int offset, int length);

        /**
         * A stream that redacts what passes through it. A secret split across two writes is still
         * caught: the stream holds back a tail that could be the start of one, and writes it with the
         * next complete line, on {@code close}, or once it can no longer be a secret.
         */
        OutputStream redacting(Sink sink, OutputStream downstream);

        void internalError(String where, Throwable error);
    }

    /** Shown instead of text whose redaction failed. */
    public static final String WITHHELD = "[egress-guard: text withheld, redaction failed]";

    private static volatile Engine engine;

    private Redaction() {}

    public static synchronized void install(Engine e) {
        if (engine != null) {
            throw new IllegalStateException("the redaction engine is already installed");
        }
        engine = e;
    }

    public static boolean active() {
        return engine != null;
    }

    public static String redact(Sink sink, String text) {
        Engine e = engine;
        if (e == null || text == null || text.isEmpty()) {
            return text;
        }
        try {
            return e.redact(sink, text);
        } catch (Throwable t) {
            report(e, "redacting " + sink, t);
            return WITHHELD;
        }
    }

    public static boolean redactInPlace(Sink sink, StringBuilder text) {
        Engine e = engine;
        if (e == null || text == null || text.length() == 0) {
            return false;
        }
        try {
            return e.redactInPlace(sink, text);
        } catch (Throwable t) {
            report(e, "redacting " + sink, t);
            text.setLength(0);
            text.append(WITHHELD);
            return true;
        }
    }

    /** The redacted bytes, or {@code null} when there was nothing to replace. */
    public static byte[] redact(Sink sink, byte[] bytes, int offset, int length) {
        Engine e = engine;
        if (e == null || bytes == null || length == 0) {
            return null;
        }
        try {
            return e.redact(sink, bytes, offset, length);
        } catch (Throwable t) {
            report(e, "redacting " + sink, t);
            return WITHHELD.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public static OutputStream redacting(Sink sink, OutputStream downstream) {
        Engine e = engine;
        if (e == null || downstream == null) {
            return downstream;
        }
        try {
            return e.redacting(sink, downstream);
        } catch (Throwable t) {
            report(e, "wrapping a stream for " + sink, t);
            return downstream;
        }
    }

    private static void report(Engine e, String where, Throwable t) {
        try {
            e.internalError(where, t);
        } catch (Throwable ignored) {
            // nothing left to report to
        }
    }
}
