package io.egressguard.core.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.egressguard.bootstrap.Redaction;
import io.egressguard.core.Reporter;
import io.egressguard.core.scan.FastSecretMatcher;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The redacting streams the log and console sinks wrap around their outputs. */
class SinkStreamsTest {

    private static final String SECRET = "tok-9f8e7d6c5b4a3f2e1d0c9b8a";

    private final RedactionService service = new RedactionService(
            new TextRedactor(new FastSecretMatcher(Set.of("api"), Map.of("api", SECRET.getBytes(StandardCharsets.UTF_8))),
                    TextRedactor.NO_DETECTION),
            RedactionService.defaultStyles(), new Reporter(new PrintStream(new ByteArrayOutputStream()), false));

    @Test
    void aStreamIsWrappedOncePerSink() {
        OutputStream raw = new ByteArrayOutputStream();
        OutputStream log = service.redacting(Redaction.Sink.LOG, raw);
        assertNotSame(raw, log);
        assertSame(log, service.redacting(Redaction.Sink.LOG, log), "a log stream wrapped again is the same stream");
        assertNotSame(log, service.redacting(Redaction.Sink.CONSOLE, log), "another sink gets its own stream");
    }

    @Test
    void aSecretWrittenInTwoFlushedPiecesIsStillReplaced() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStream console = service.redacting(Redaction.Sink.CONSOLE, out);
        console.write(("key " + SECRET.substring(0, 9)).getBytes(StandardCharsets.UTF_8));
        console.flush();
        assertEquals("", out.toString(StandardCharsets.UTF_8), "the line waits for its end (or a moment)");
        console.write((SECRET.substring(9) + " done\n").getBytes(StandardCharsets.UTF_8));
        assertEquals("key [REDACTED:api] done\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void whatTheConsoleHoldsBackIsWrittenAtTheEnd() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStream console = service.redacting(Redaction.Sink.CONSOLE, out);
        console.write(("bye " + SECRET.substring(0, 6)).getBytes(StandardCharsets.UTF_8));
        console.flush();
        service.drainConsole();
        assertEquals("bye " + SECRET.substring(0, 6), out.toString(StandardCharsets.UTF_8));
    }
}
