package io.egressguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.egressguard.it.apps.tools.ToolLoopApp;
import io.egressguard.it.support.Canaries;
import io.egressguard.it.support.ChildJvm;
import io.egressguard.it.support.GuardFixture;
import io.egressguard.it.support.RecordingServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Least privilege per tool call in a hand-written tool loop: the rule file names the Java methods that
 * are tools, grants the GitHub token to one of them, and the other tool of the same agent, and the
 * agent's own code, are refused the same token, on the same API, whichever thread the work ends up on.
 */
class ToolEntryPointIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onlyTheGrantedToolGetsTheTokenOnEveryThreadItHandsWorkTo() throws Exception {
        try (RecordingServer api = RecordingServer.http();
                GuardFixture guard = GuardFixture.create().secret("github", Canaries.GITHUB)) {
            guard.rules("version: 1\n"
                    + "identity: triage-bot\n"
                    + "tools:\n"
                    + "  - name: issues.read\n"
                    + "    entry-points: [\"io.egressguard.it.apps.tools.GitHubTools#readIssues\"]\n"
                    + "  - name: issues.write\n"
                    + "    entry-points: [\"io.egressguard.it.apps.tools.GitHubTools#closeIssue\"]\n"
                    // a mistake in another class's entry point costs that class only, and is said at start-up
                    + "  - name: hello.tool\n"
                    + "    entry-points: [\"io.egressguard.it.apps.HelloApp#noSuchTool\"]\n"
                    + "secrets:\n"
                    + "  - name: github\n"
                    + "    allow:\n"
                    + "      - host: 127.0.0.1\n"
                    + "        scheme: http\n"
                    + "        port: " + api.port() + "\n"
                    + "        methods: [GET]\n"
                    + "        paths: [\"/repos/**\"]\n"
                    + "        tools: [issues.read]\n"
                    + "    inject: {replace-handle-in: [Authorization]}\n");
            ChildJvm.Result r = ChildJvm.java().agent(guard.agentOptions()).testClasses()
                    .libs("reactor-netty-1.3.7") // for reactor-core
                    .main(ToolLoopApp.class, api.url(""), GuardFixture.handle("github")).run();
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.stderr.contains("tool-entry-points of io.egressguard.it.apps.HelloApp NOT recognised")
                    && r.stderr.contains("check tools[].entry-points in the rule file"), r.stderr);
            Map<String, String> calls = calls(r.stdout);

            for (String how : List.of("same-thread", "executor", "executor-runnable", "completable-future",
                    "completable-future-on-pool", "jdk-httpclient-async", "reactor")) {
                assertEquals("status 200", calls.get("issues.read " + how), "the granted tool, " + how + "\n" + r);
            }
            for (String how : List.of("same-thread", "executor", "completable-future", "jdk-httpclient-async", "reactor")) {
                String refused = calls.get("issues.write " + how);
                assertTrue(refused.startsWith("blocked: Egress Guard blocked GET"), how + ": " + refused);
                assertTrue(refused.contains("tool 'issues.write' of identity 'triage-bot' may not use secret 'github'")
                        && refused.contains("allows it only for tools [issues.read]")
                        && refused.contains("the rule needed: 'issues.write' in its 'tools'"),
                        "names the tool, the secret and the rule needed: " + refused);
            }
            for (String how : List.of("same-thread", "executor", "executor-runnable", "completable-future",
                    "completable-future-on-pool", "reactor")) {
                String refused = calls.get("outside " + how);
                assertTrue(refused.contains("a request outside any tool of identity 'triage-bot' may not use secret 'github'")
                        && refused.contains("'outside-tools' in its 'tools'"),
                        "after a tool ran on the pooled thread, the thread does not keep its context: " + how + ": " + refused);
            }

            // the server saw the token exactly on the granted tool's requests
            int withToken = 0;
            for (RecordedRequest req : api.all()) {
                String auth = req.getHeader("Authorization");
                if (auth != null && auth.contains(Canaries.GITHUB)) {
                    withToken++;
                    assertEquals("/repos/acme/app/issues", req.getPath());
                }
            }
            assertEquals(7, withToken, "one request per way the granted tool worked");
            assertNull(Canaries.findIn(r.stdout + r.stderr));

            // every audit line names the identity and the tool
            List<JsonNode> audit = new ArrayList<>();
            for (String line : guard.auditLines()) {
                audit.add(JSON.readTree(line));
            }
            long injected = audit.stream().filter(a -> a.get("decision").asText().equals("injected")).count();
            assertEquals(7, injected);
            for (JsonNode a : audit) {
                assertEquals("triage-bot", a.get("identity").asText(), a.toString());
                String decision = a.get("decision").asText();
                if (decision.equals("injected")) {
                    assertEquals("issues.read", a.get("tool").asText(), a.toString());
                } else {
                    assertEquals("blocked", decision, a.toString());
                    assertTrue(a.get("tool").isNull() || a.get("tool").asText().equals("issues.write"), a.toString());
                    assertEquals("github@127.0.0.1", a.get("rule").asText(), a.toString());
                }
            }
            assertTrue(audit.stream().anyMatch(a -> a.get("tool").asText().equals("issues.write")));
            assertTrue(audit.stream().anyMatch(a -> a.get("decision").asText().equals("blocked") && a.get("tool").isNull()));
        }
    }

    /** {@code CALL tool how: result} lines, keyed by "tool how". */
    static Map<String, String> calls(String stdout) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("CALL ")) {
                int colon = line.indexOf(": ");
                out.put(line.substring(5, colon), line.substring(colon + 2));
            }
        }
        return out;
    }
}
