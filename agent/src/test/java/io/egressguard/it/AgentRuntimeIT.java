package io.egressguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressguard.it.apps.AttachTargetApp;
import io.egressguard.it.apps.HelloApp;
import io.egressguard.it.apps.JacksonApp;
import io.egressguard.it.apps.SecretExtractionApp;
import io.egressguard.it.support.Canaries;
import io.egressguard.it.support.ChildJvm;
import io.egressguard.it.support.GuardFixture;
import io.egressguard.it.support.RecordingServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the agent lives inside an application: isolated from the application's own dependencies, one
 * line of output, and loadable into a JVM that is already running.
 */
class AgentRuntimeIT {

    private static RecordingServer api;
    private static RecordingServer other;
    private static GuardFixture guard;

    @BeforeAll
    static void start() throws Exception {
        api = RecordingServer.http();
        other = RecordingServer.http();
        guard = GuardFixture.create().secret("github", Canaries.GITHUB).rules("version: 1\n"
                + "secrets:\n"
                + "  - name: github\n"
                + "    allow:\n"
                + "      - host: 127.0.0.1\n"
                + "        scheme: http\n"
                + "        port: " + api.port() + "\n"
                + "    inject:\n"
                + "      replace-handle-in: [Authorization]\n");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        other.close();
        guard.close();
    }

    @Test
    void anApplicationWithItsOwnOldJacksonRunsUnchanged() {
        ChildJvm.Result without = ChildJvm.java().testClasses().libs("jackson-2.10.0").main(JacksonApp.class).run();
        ChildJvm.Result with = ChildJvm.java().agent(guard.agentOptions()).testClasses().libs("jackson-2.10.0")
                .main(JacksonApp.class, api.url("/isolation"), GuardFixture.handle("github")).run();
        assertEquals(0, with.exitCode, with.toString());
        List<String> lines = with.stdoutLines();
        assertTrue(lines.contains("jackson-version 2.10.0"), with.stdout);
        assertTrue(lines.contains("jackson-works {\"a\":[1,2,3],\"b\":{\"c\":\"d\"}}"), with.stdout);
        assertTrue(lines.contains("jackson-loader true"), with.stdout);
        assertTrue(lines.contains("jackson-modules 0"), "the agent's Jackson modules are invisible: " + with.stdout);
        for (String line : lines) {
            if (line.startsWith("visible ")) {
                assertTrue(line.endsWith(" false"), "the application can load an agent class: " + line);
            }
        }
        // everything the application printed without the agent, it prints the same way with it
        for (String line : without.stdoutLines()) {
            assertTrue(lines.contains(line), "changed by the agent: " + line);
        }
        assertTrue(lines.contains("request-status 200"), with.stdout);
        assertEquals("Bearer " + Canaries.GITHUB, api.requestsTo("/isolation").get(0).getHeader("Authorization"));
    }

    @Test
    void printsExactlyOneStartupLineAndNothingElse() {
        ChildJvm.Result r = ChildJvm.java().agent(guard.agentOptions()).testClasses().main(HelloApp.class).run();
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(List.of("hello"), r.stdoutLines());
        List<String> err = r.stderr.lines().collect(java.util.stream.Collectors.toList());
        assertEquals(1, err.size(), "one line on stderr: " + r.stderr);
        String line = err.get(0);
        assertTrue(line.startsWith("[egress-guard] Egress Guard "), line);
        assertTrue(line.contains(guard.rulesFile().toString()), "names the rule file: " + line);
        assertTrue(line.contains("1 secret, 1 destination"), "counts secrets and rules: " + line);
        assertTrue(line.contains("guarding jdk-httpclient, httpurlconnection, okhttp"), "names the clients: " + line);
        assertTrue(line.contains("; redacting console, jul, logback, log4j2, opentelemetry-sdk"), "names the sinks: " + line);
        assertTrue(line.endsWith("; tools of langchain4j, mcp, spring-ai"), "names the tool frameworks: " + line);
        assertFalse(line.contains("tool-context"), "not the plumbing: " + line);

        ChildJvm.Result quiet = ChildJvm.java().agent(guard.agentOptions("quiet=true")).testClasses().main(HelloApp.class).run();
        assertEquals("", quiet.stderr, "quiet=true prints nothing");
    }

    @Test
    void applicationCodeCannotObtainACredentialThroughTheHooks() {
        ChildJvm.Result r = ChildJvm.java().agent(guard.agentOptions()).testClasses().libs("okhttp-4.12.0")
                .main(SecretExtractionApp.class, api.url("/extract"), GuardFixture.handle("github")).run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("REFUSED guard"), r.stdout);
        assertTrue(r.stdout.contains("REFUSED jdk-bridge"), r.stdout);
        assertTrue(r.stdout.contains("REFUSED okhttp-interceptor"), r.stdout);
        assertTrue(!r.stdout.contains("GOT-CREDENTIAL"), r.stdout);
        assertEquals(null, Canaries.findIn(r.stdout + r.stderr));
    }

    @Test
    void attachesToARunningJvm() throws Exception {
        Path go = guard.dir().resolve("go-" + System.nanoTime());
        ChildJvm.Running app = ChildJvm.java().testClasses().jvmArg("-XX:+EnableDynamicAgentLoading")
                .main(AttachTargetApp.class, go.toString(), api.url("/attached"), GuardFixture.handle("github"),
                        other.url("/attached-other"))
                .start();
        String ready = app.awaitLine("READY ", Duration.ofSeconds(30));
        String pid = ready.substring("READY ".length()).trim();
        ChildJvm.Result attach = ChildJvm.java().jar(ChildJvm.TestPaths.agentJar(), "attach", pid, guard.agentOptions()).run();
        assertEquals(0, attach.exitCode, attach.toString());
        Files.createFile(go);
        ChildJvm.Result r = app.await();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("STATUS 200"), r.toString());
        assertTrue(r.stdout.contains("OTHER blocked true"), r.toString());
        assertEquals("Bearer " + Canaries.GITHUB, api.requestsTo("/attached").get(0).getHeader("Authorization"));
        assertTrue(other.requestsTo("/attached-other").isEmpty());
        assertTrue(r.stderr.contains("Egress Guard") && r.stderr.contains("active"), r.stderr);
    }
}
