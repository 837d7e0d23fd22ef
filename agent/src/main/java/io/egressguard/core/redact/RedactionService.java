package io.egressguard.core.redact;

import io.egressguard.bootstrap.Redaction;
import io.egressguard.core.Reporter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The core's implementation of {@link Redaction}: finds secrets in text and replaces each with what
 * the sink should see. Known secrets become {@code [REDACTED:name]} or the secret's handle, per sink.
 */
public final class RedactionService implements Redaction.Engine {

    /** What a known secret is replaced with. */
    public enum KnownSecretStyle { PLACEHOLDER, HANDLE }

    private volatile TextRedactor redactor;
    private final Map<Redaction.Sink, KnownSecretStyle> styles;
    private final Reporter reporter;
    private final WeakStreams consoleStreams = new WeakStreams();

    public RedactionService(TextRedactor redactor, Map<Redaction.Sink, KnownSecretStyle> styles, Reporter reporter) {
        this.redactor = redactor;
        this.styles = new EnumMap<>(styles);
        this.reporter = reporter;
    }

    /** The default styles: a model may hold handles, everything else gets placeholders. */
    public static Map<Redaction.Sink, KnownSecretStyle> defaultStyles() {
        Map<Redaction.Sink, KnownSecretStyle> m = new EnumMap<>(Redaction.Sink.class);
        m.put(Redaction.Sink.LOG, KnownSecretStyle.PLACEHOLDER);
        m.put(Redaction.Sink.CONSOLE, KnownSecretStyle.PLACEHOLDER);
        m.put(Redaction.Sink.TRACE, KnownSecretStyle.PLACEHOLDER);
        m.put(Redaction.Sink.LLM, KnownSecretStyle.HANDLE);
        return m;
    }

    /** Swaps in a redactor for a new set of secrets; takes effect for the next text redacted. */
    public void update(TextRedactor newRedactor) {
        this.redactor = newRedactor;
    }

    public TextRedactor redactor() {
        return redactor;
    }

    @Override
    public String redact(Redaction.Sink sink, String text) {
        return redactor.redact(text, style(sink));
    }

    TextRedactor.Style style(Redaction.Sink sink) {
        return styles.getOrDefault(sink, KnownSecretStyle.PLACEHOLDER) == KnownSecretStyle.HANDLE
                ? TextRedactor.Style.HANDLE : TextRedactor.Style.PLACEHOLDER;
    }

    @Override
    public boolean redactInPlace(Redaction.Sink sink, StringBuilder text) {
        String s = text.toString();
        String r = redact(sink, s);
        if (r == s) {
            return false;
        }
        text.setLength(0);
        text.append(r);
        return true;
    }

    @Override
    public byte[] redact(Redaction.Sink sink, byte[] bytes, int offset, int length) {
        return redact(sink, bytes, offset, length, false, null);
    }

    byte[] redact(Redaction.Sink sink, byte[] bytes, int offset, int length, boolean sameLength, List<String> replaced) {
        String s = new String(bytes, offset, length, StandardCharsets.UTF_8);
        String r = redactor.redact(s, style(sink), sameLength, replaced);
        return r == s ? null : r.getBytes(StandardCharsets.UTF_8);
    }

    /** A stream for a body to an LLM API: secrets become handles; lengths kept if the length is announced. */
    public OutputStream redactingBody(OutputStream downstream, boolean sameLength, Consumer<String> onReplaced) {
        return new RedactingOutputStream(downstream, this, Redaction.Sink.LLM, redactor.matcher().maxMatchLength(),
                sameLength, onReplaced, null);
    }

    private volatile java.util.concurrent.ScheduledExecutorService partialLines;

    /** One daemon thread for every output stream's deferred rest-of-line writes; started when first needed. */
    private java.util.concurrent.ScheduledExecutorService partialLineTimer() {
        java.util.concurrent.ScheduledExecutorService t = partialLines;
        if (t == null) {
            synchronized (this) {
                t = partialLines;
                if (t == null) {
                    t = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread thread = new Thread(r, "egress-guard-partial-lines");
                        thread.setDaemon(true);
                        return thread;
                    });
                    partialLines = t;
                }
            }
        }
        return t;
    }

    @Override
    public OutputStream redacting(Redaction.Sink sink, OutputStream downstream) {
        if (downstream instanceof RedactingOutputStream && ((RedactingOutputStream) downstream).sink() == sink) {
            return downstream; // already redacting for this sink: wrapping again would only scan twice
        }
        RedactingOutputStream stream = new RedactingOutputStream(downstream, this, sink,
                redactor.matcher().maxMatchLength(), false, null, partialLineTimer());
        if (sink == Redaction.Sink.CONSOLE) {
            consoleStreams.add(stream);
        }
        return stream;
    }

    /**
     * Writes out what the console streams still hold back (a tail that could have been the start of
     * a secret); for the end of the JVM, when no more text can complete it.
     */
    public void drainConsole() {
        for (RedactingOutputStream s : consoleStreams.snapshot()) {
            try {
                s.drain();
            } catch (java.io.IOException | RuntimeException e) {
                // the console is gone; nothing left to write to
            }
        }
    }

    int possibleMatchPrefix(byte[] bytes, int offset, int length) {
        return redactor.matcher().possibleMatchPrefix(bytes, offset, length);
    }

    @Override
    public void internalError(String where, Throwable error) {
        reporter.internalError(where, error);
    }


    /** The console streams made so far, held weakly: an application may replace System.out many times. */
    private static final class WeakStreams {
        private final java.util.Set<RedactingOutputStream> streams =
                java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

        synchronized void add(RedactingOutputStream s) {
            streams.add(s);
        }

        synchronized java.util.List<RedactingOutputStream> snapshot() {
            return new java.util.ArrayList<>(streams);
        }
    }
}
