package io.egressguard.bench.redact;

import io.egressguard.bootstrap.Redaction;
import io.egressguard.core.Reporter;
import io.egressguard.core.redact.RedactionService;
import io.egressguard.core.redact.TextRedactor;
import io.egressguard.core.scan.detect.DetectorCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/** The redaction engines compared: the guard's own, and three baselines over the same forms. */
final class Engines {

    /** Redacts one text; returns the text with every known form replaced. */
    interface Engine {
        Object redact(String text) throws IOException;
    }

    static final String GUARD = "guard";
    static final String GUARD_STREAM = "guard-stream";
    static final String STRING_REPLACE = "string-replace";
    static final String REGEX = "regex";
    static final String AHO_CORASICK = "aho-corasick";

    private static final String PLACEHOLDER = "[REDACTED]";

    private Engines() {}

    static Engine create(String name, KnownSecrets secrets) {
        switch (name) {
            case GUARD: return guard(secrets);
            case GUARD_STREAM: return guardStream(secrets);
            case STRING_REPLACE: return stringReplace(secrets.forms);
            case REGEX: return regex(secrets.forms);
            case AHO_CORASICK: return ahoCorasick(secrets.forms);
            default: throw new IllegalArgumentException("unknown engine " + name);
        }
    }

    /** The full detector catalog, as the agent loads it by default. */
    static TextRedactor.FormatDetection detectorCatalog() {
        return DetectorCatalog.scanner(java.util.Set.of())::find;
    }

    private static Engine guard(KnownSecrets secrets) {
        TextRedactor redactor = new TextRedactor(secrets.matcher(), detectorCatalog());
        return text -> redactor.redact(text, TextRedactor.Style.PLACEHOLDER);
    }

    /** The stream a log sink writes through: UTF-8 bytes in, redacted bytes out, line by line. */
    private static Engine guardStream(KnownSecrets secrets) {
        TextRedactor redactor = new TextRedactor(secrets.matcher(), detectorCatalog());
        RedactionService service = new RedactionService(redactor, RedactionService.defaultStyles(),
                new Reporter(new PrintStream(OutputStream.nullOutputStream()), false));
        CountingSink sink = new CountingSink();
        OutputStream stream = service.redacting(Redaction.Sink.LOG, sink);
        return text -> {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            stream.write(bytes, 0, bytes.length);
            stream.flush();
            return sink.count;
        };
    }

    /** One String.replace per form: what a hand-written redactor usually does. */
    private static Engine stringReplace(List<String> forms) {
        String[] all = forms.toArray(new String[0]);
        return text -> {
            String out = text;
            for (String form : all) {
                out = out.replace(form, PLACEHOLDER);
            }
            return out;
        };
    }

    /** One java.util.regex alternation of every form, longest first. */
    private static Engine regex(List<String> forms) {
        StringBuilder alternation = new StringBuilder();
        for (String form : forms) {
            if (alternation.length() > 0) {
                alternation.append('|');
            }
            alternation.append(Pattern.quote(form));
        }
        Pattern pattern = Pattern.compile(alternation.toString());
        return text -> {
            Matcher m = pattern.matcher(text);
            return m.find() ? m.replaceAll(PLACEHOLDER) : text;
        };
    }

    /** org.ahocorasick's trie over every form, longest non-overlapping matches replaced. */
    private static Engine ahoCorasick(List<String> forms) {
        Trie trie = Trie.builder().addKeywords(forms).ignoreOverlaps().build();
        return text -> {
            java.util.Collection<Emit> emits = trie.parseText(text);
            if (emits.isEmpty()) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length());
            int copied = 0;
            for (Emit e : emits) {
                out.append(text, copied, e.getStart()).append(PLACEHOLDER);
                copied = e.getEnd() + 1;
            }
            return out.append(text, copied, text.length()).toString();
        };
    }

    /** Counts what the stream lets through, so the work cannot be optimised away. */
    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
