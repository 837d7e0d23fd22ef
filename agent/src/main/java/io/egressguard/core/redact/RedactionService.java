package io.egressguard.core.redact;

import io.egressguard.bootstrap.Redaction;
import io.egressguard.core.Reporter;
import io.egressguard.core.handle.Handles;
import io.egressguard.core.scan.Match;
import io.egressguard.core.scan.SecretMatcher;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The core's implementation of {@link Redaction}: finds secrets in text and replaces each with what
 * the sink should see. Known secrets become {@code [REDACTED:name]} or the secret's handle, per sink.
 */
public final class RedactionService implements Redaction.Engine {

    /** What a known secret is replaced with. */
    public enum KnownSecretStyle { PLACEHOLDER, HANDLE }

    private volatile SecretMatcher matcher;
    private final Map<Redaction.Sink, KnownSecretStyle> styles;
    private final Reporter reporter;

    public RedactionService(SecretMatcher matcher, Map<Redaction.Sink, KnownSecretStyle> styles, Reporter reporter) {
        this.matcher = matcher;
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

    /** Swaps in a matcher for a new set of secrets; takes effect for the next text redacted. */
    public void update(SecretMatcher newMatcher) {
        this.matcher = newMatcher;
    }

    @Override
    public String redact(Redaction.Sink sink, String text) {
        SecretMatcher m = matcher;
        Match first = m.find(text, 0);
        while (first != null && first.kind() != Match.Kind.SECRET) {
            first = m.find(text, first.end());
        }
        if (first == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int copied = 0;
        for (Match hit = first; hit != null; hit = m.find(text, hit.end())) {
            if (hit.kind() != Match.Kind.SECRET) {
                continue;
            }
            out.append(text, copied, hit.start()).append(replacement(sink, hit.secret()));
            copied = hit.end();
        }
        return out.append(text, copied, text.length()).toString();
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
        String s = new String(bytes, offset, length, StandardCharsets.UTF_8);
        String r = redact(sink, s);
        return r == s ? null : r.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public OutputStream redacting(Redaction.Sink sink, OutputStream downstream) {
        return new RedactingOutputStream(downstream, this, sink, matcher.maxMatchLength());
    }

    int possibleMatchPrefix(byte[] bytes, int offset, int length) {
        return matcher.possibleMatchPrefix(bytes, offset, length);
    }

    @Override
    public void internalError(String where, Throwable error) {
        reporter.internalError(where, error);
    }

    String replacement(Redaction.Sink sink, String secretName) {
        KnownSecretStyle style = styles.getOrDefault(sink, KnownSecretStyle.PLACEHOLDER);
        return style == KnownSecretStyle.HANDLE ? Handles.handleFor(secretName) : "[REDACTED:" + secretName + "]";
    }
}
