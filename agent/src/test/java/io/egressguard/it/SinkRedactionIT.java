package io.egressguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.egressguard.it.apps.sinks.ConsoleApp;
import io.egressguard.it.apps.sinks.JulApp;
import io.egressguard.it.apps.sinks.Log4j2App;
import io.egressguard.it.apps.sinks.LogbackApp;
import io.egressguard.it.apps.sinks.OtelApp;
import io.egressguard.it.apps.sinks.SinkCases;
import io.egressguard.it.support.Canaries;
import io.egressguard.it.support.ChildJvm;
import io.egressguard.it.support.GuardFixture;
import io.egressguard.it.support.Outputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secrets never reach logs, the console or exported telemetry: each framework runs for real in a child
 * JVM with the agent, writes every case once (message, argument, MDC, exception message, nested cause in
 * the stack trace, a long secret; plain and JSON layouts), and everything it wrote is read back. The
 * secret named in the rule file and secrets only in the store are all replaced by
 * {@code [REDACTED:name]}; text without secrets is written byte for byte as without the agent.
 */
class SinkRedactionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static GuardFixture guard;

    @BeforeAll
    static void setUp() {
        guard = GuardFixture.create()
                .secret(SinkCases.SECRET_NAME, SinkCases.SECRET)
                .secret(SinkCases.NESTED_NAME, SinkCases.NESTED)
                .secret(SinkCases.LONG_NAME, SinkCases.LONG)
                .rules("version: 1\n"
                        + "secrets:\n"
                        + "  - name: github\n"
                        + "    allow:\n"
                        + "      - host: 127.0.0.1\n"
                        + "        scheme: http\n"
                        + "        port: 1\n"
                        + "    inject:\n"
                        + "      replace-handle-in: [Authorization]\n");
    }

    @AfterAll
    static void tearDown() {
        guard.close();
    }

    // ---- Logback --------------------------------------------------------------------------------------

    @Test
    void logbackPlainAndJsonNewest() throws IOException {
        Run run = run("logback-1.5.38", LogbackApp.class, "secrets", "json");
        assertLogRedacted(run.stdout(), "logback console");
        String plain = run.file("logback-plain.log");
        assertLogRedacted(plain, "logback plain file");
        assertEquals(run.stdout(), plain, "console and file show the same events");
        assertTrue(plain.contains("ERROR app auth= - call failed\njava.lang.IllegalStateException: call failed with token"
                + " [REDACTED:github]\n"), plain);
        assertTrue(plain.contains("Caused by: java.io.IOException: inner cause [REDACTED:internal]\n"), plain);
        assertTrue(plain.contains("INFO  app auth=[REDACTED:github] - token in mdc\n"), plain);
        // Logback's JSON encoder writes the message template and its arguments apart, and the
        // throwable as a structure of its own
        String json = run.file("logback-json.log");
        assertNull(Canaries.findIn(json), "logback JSON file leaks a secret: " + json);
        List<JsonNode> events = jsonLines(json);
        assertTrue(events.stream().anyMatch(e -> e.path("message").asText().equals("token in message [REDACTED:github]")), json);
        assertTrue(events.stream().anyMatch(e -> e.path("message").asText().equals("token in argument {}")
                && e.path("arguments").toString().contains("[REDACTED:github]")), json);
        assertTrue(events.stream().anyMatch(e -> e.path("mdc").path("auth").asText().equals("[REDACTED:github]")), json);
        assertTrue(events.stream().anyMatch(e -> e.path("throwable").path("message").asText()
                .equals("call failed with token [REDACTED:github]")), json);
        assertTrue(json.contains("inner cause [REDACTED:internal]"), json);
        assertTrue(events.stream().anyMatch(e -> e.path("arguments").toString().contains("[REDACTED:long]")), json);
        assertTrue(events.stream().anyMatch(e -> e.path("mdc").path("auth").asText().equals(SinkCases.CLEAN_MDC)), json);
    }

    @Test
    void logbackOldestSupported() throws IOException {
        Run run = run("logback-1.2.13", LogbackApp.class, "secrets");
        assertLogRedacted(run.stdout(), "logback 1.2 console");
        assertLogRedacted(run.file("logback-plain.log"), "logback 1.2 plain file");
    }

    // ---- Log4j2 ---------------------------------------------------------------------------------------

    @Test
    void log4j2PlainJsonAndSplitNewest() throws IOException {
        assertLog4j2("log4j2-2.26.1");
    }

    @Test
    void log4j2OldestSupported() throws IOException {
        assertLog4j2("log4j2-2.17.2");
    }

    private void assertLog4j2(String libs) throws IOException {
        Run run = run(libs, Log4j2App.class, "secrets");
        assertLogRedacted(run.stdout(), libs + " console");
        String plain = run.file("log4j2-plain.log");
        assertLogRedacted(plain, libs + " plain file");
        assertEquals(run.stdout(), plain, "console and file show the same events");
        assertTrue(plain.contains("Caused by: java.io.IOException: inner cause [REDACTED:internal]"), plain);
        assertTrue(plain.contains("INFO  app auth=[REDACTED:github] - token in mdc\n"), plain);
        // the 64-byte buffer cut secrets in pieces; the file is still exactly the plain one
        assertEquals(plain, run.file("log4j2-split.log"), "buffered file drained in pieces");
        String json = run.file("log4j2-json.log");
        assertLogRedacted(json, libs + " JSON file");
        List<JsonNode> events = jsonLines(json);
        assertTrue(events.stream().anyMatch(e -> e.path("labels").path("auth").asText().equals("[REDACTED:github]")
                || e.path("auth").asText().equals("[REDACTED:github]")), json);
        assertTrue(events.stream().anyMatch(e -> e.path("error.stack_trace").asText()
                .contains("Caused by: java.io.IOException: inner cause [REDACTED:internal]")), json);
    }

    // ---- java.util.logging ----------------------------------------------------------------------------

    @Test
    void julSimpleAndXmlFormatters() throws IOException {
        Run run = run(null, JulApp.class, "secrets");
        String console = run.result.stderr;
        assertLogRedacted(console, "JUL console handler");
        String plain = run.file("jul-plain.log");
        assertLogRedacted(plain, "JUL plain file");
        assertTrue(plain.contains("INFO app - token in argument [REDACTED:github]\n"), plain);
        String xml = run.file("jul-xml.log");
        assertNull(Canaries.findIn(xml), "JUL XML file");
        assertTrue(xml.contains("<message>token in argument [REDACTED:github]</message>")
                || xml.contains("<param>[REDACTED:github]</param>"), xml);
        // the XML formatter writes the exception's own message and frames, not its causes
        assertTrue(xml.contains("<message>java.lang.IllegalStateException: call failed with token [REDACTED:github]"
                + "</message>"), xml);
        assertTrue(xml.contains("[REDACTED:long]"), xml);
        assertTrue(xml.trim().endsWith("</log>"), "the XML document is complete: " + xml);
    }

    // ---- console --------------------------------------------------------------------------------------

    @Test
    void consoleStreamsIncludingSplitWritesAndReplacedStreams() throws IOException {
        Run run = run(null, ConsoleApp.class, "secrets");
        String out = run.stdout();
        String err = run.result.stderr;
        assertNull(Canaries.findIn(out + err), out + err);
        assertTrue(out.contains("split [REDACTED:github] end\n"), out);
        assertTrue(out.contains("long [REDACTED:long]\n"), out);
        assertTrue(out.contains("formatted [REDACTED:github]\n"), out);
        assertTrue(err.contains("err [REDACTED:internal]\n"), err);
        assertTrue(err.contains("java.lang.IllegalStateException: call failed with token [REDACTED:github]"), err);
        assertTrue(err.contains("Caused by: java.io.IOException: inner cause [REDACTED:internal]"), err);
        assertTrue(out.contains("after setOut [REDACTED:github]\n"), "a stream the application sets redacts too: " + out);
        assertTrue(out.contains("stream ConsoleStream\n"), out);
        assertTrue(out.endsWith("bye " + SinkCases.SECRET.substring(0, 8)), "the held-back tail is written at exit: " + out);
        assertTrue(out.startsWith(SinkCases.CLEAN_MESSAGE + "\nprompt> answered\n"), out);
    }

    // ---- OpenTelemetry --------------------------------------------------------------------------------

    @Test
    void openTelemetrySpansAndLogRecordsNewest() throws IOException {
        assertOtel("otel-1.68.0");
    }

    @Test
    void openTelemetryOldestSupported() throws IOException {
        assertOtel("otel-1.27.0");
    }

    private void assertOtel(String libs) throws IOException {
        Run run = run(libs, OtelApp.class, "secrets");
        String spansText = run.file("spans.json");
        String logsText = run.file("logs.json");
        assertNull(Canaries.findIn(spansText + logsText + run.stdout()), spansText + logsText + run.stdout());
        JsonNode spans = JSON.readTree(spansText);
        JsonNode clean = spans.get(0);
        assertEquals("clean-span", clean.path("name").asText());
        assertEquals(SinkCases.CLEAN_ARGUMENT, clean.path("attributes").path("clean").asText());
        JsonNode span = spans.get(1);
        assertEquals("call [REDACTED:github]", span.path("name").asText());
        JsonNode attributes = span.path("attributes");
        assertEquals("[REDACTED:github]", attributes.path("token").asText());
        assertEquals("[REDACTED:github]", attributes.path("builder.token").asText());
        assertEquals("[\"first\",\"[REDACTED:github]\"]", attributes.path("tokens").toString());
        assertEquals("[REDACTED:long]", attributes.path("long").asText());
        assertEquals(SinkCases.CLEAN_ARGUMENT, attributes.path("clean").asText());
        assertEquals("failed with [REDACTED:github]", span.path("status").asText());
        JsonNode login = span.path("events").get(0);
        assertEquals("login [REDACTED:github]", login.path("name").asText());
        assertEquals("[REDACTED:github]", login.path("attributes").path("event.token").asText());
        JsonNode exception = span.path("events").get(1);
        assertEquals("exception", exception.path("name").asText());
        assertEquals("call failed with token [REDACTED:github]",
                exception.path("attributes").path("exception.message").asText());
        assertTrue(exception.path("attributes").path("exception.stacktrace").asText()
                .contains("Caused by: java.io.IOException: inner cause [REDACTED:internal]"), spansText);
        JsonNode logs = JSON.readTree(logsText);
        assertEquals(SinkCases.CLEAN_MESSAGE, logs.get(0).path("body").asText());
        assertEquals("token in body [REDACTED:github]", logs.get(1).path("body").asText());
        assertEquals("ERROR [REDACTED:github]", logs.get(1).path("severityText").asText());
        assertEquals("[REDACTED:github]", logs.get(1).path("attributes").path("token").asText());
        assertEquals("[REDACTED:internal]", logs.get(1).path("attributes").path("nested").asText());
        assertTrue(run.stdout().contains("[REDACTED:github]"), "SpanData.toString is redacted: " + run.stdout());
    }

    // ---- nothing changes without secrets --------------------------------------------------------------

    @Test
    void outputWithoutSecretsIsByteForByteTheSameAsWithoutTheAgent() throws IOException {
        compareCleanRuns("logback-1.5.38", LogbackApp.class, List.of("logback-plain.log"));
        compareCleanRuns("log4j2-2.26.1", Log4j2App.class, List.of("log4j2-plain.log", "log4j2-split.log"));
        compareCleanRuns(null, JulApp.class, List.of("jul-plain.log"));
        compareCleanRuns(null, ConsoleApp.class, List.of());
    }

    private void compareCleanRuns(String libs, Class<?> app, List<String> files) throws IOException {
        Run with = run(libs, app, "clean");
        Run without = runWithoutAgent(libs, app);
        String name = app.getSimpleName();
        assertEquals(without.stdout(), with.stdout().replace("stream ConsoleStream", "stream PrintStream"),
                name + " standard output");
        assertEquals(without.result.stderr, withoutStartupLine(with.result.stderr), name + " standard error");
        for (String f : files) {
            assertTrue(Files.size(without.dir.resolve(f)) > 0, f);
            assertEquals(without.file(f), with.file(f), name + " " + f);
        }
    }

    private static String withoutStartupLine(String stderr) {
        return stderr.lines().filter(l -> !l.startsWith("[egress-guard] Egress Guard "))
                .map(l -> l + "\n").collect(Collectors.joining());
    }

    // ---- support --------------------------------------------------------------------------------------

    /** Every line of a log that holds a secret shows the placeholder; the lines without one are intact. */
    private static void assertLogRedacted(String text, String what) {
        assertNull(Canaries.findIn(text), what + " leaks a secret: " + text);
        assertTrue(text.contains("token in message [REDACTED:github]"), what + ": " + text);
        assertTrue(text.contains("token in argument [REDACTED:github]"), what + ": " + text);
        assertTrue(text.contains("call failed with token [REDACTED:github]"), what + " exception message: " + text);
        assertTrue(text.contains("inner cause [REDACTED:internal]"), what + " nested cause: " + text);
        assertTrue(text.contains("long token [REDACTED:long]"), what + " long secret: " + text);
        assertTrue(text.contains(SinkCases.CLEAN_MESSAGE) && text.contains("clean argument " + SinkCases.CLEAN_ARGUMENT)
                && text.contains(SinkCases.CLEAN_EXCEPTION) && text.contains("last line"), what + ": " + text);
        assertFalse(text.contains(WITHHELD), what + ": " + text);
    }

    private static final String WITHHELD = "text withheld";

    private static List<JsonNode> jsonLines(String text) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line)); // throws if a line is not JSON any more
            }
        }
        assertTrue(nodes.size() >= 8, text);
        return nodes;
    }

    private static final class Run {
        final ChildJvm.Result result;
        final Path dir;

        Run(ChildJvm.Result result, Path dir) {
            this.result = result;
            this.dir = dir;
        }

        String stdout() {
            return result.stdout;
        }

        String file(String name) throws IOException {
            return new String(Files.readAllBytes(dir.resolve(name)), StandardCharsets.UTF_8);
        }
    }

    private static Run run(String libs, Class<?> app, String... args) throws IOException {
        return start(libs, app, true, args);
    }

    private static Run runWithoutAgent(String libs, Class<?> app) throws IOException {
        return start(libs, app, false, "clean");
    }

    private static Run start(String libs, Class<?> app, boolean agent, String... args) throws IOException {
        // under it-outputs, so that the canary scan after the tests reads every file the child wrote
        Path dir = Files.createDirectories(Outputs.dir().resolve("sinks-" + app.getSimpleName() + "-"
                + (libs == null ? "jdk" : libs) + "-" + (agent ? "agent-" : "plain-") + System.nanoTime()));
        ChildJvm jvm = ChildJvm.java().testClasses();
        if (agent) {
            jvm.agent(guard.agentOptions());
        }
        if (libs != null) {
            jvm.libs(libs);
        }
        List<String> all = new ArrayList<>();
        all.add(dir.toString());
        all.addAll(List.of(args));
        ChildJvm.Result r = jvm.main(app, all.toArray(new String[0])).run();
        assertEquals(0, r.exitCode, r.toString());
        return new Run(r, dir);
    }
}
