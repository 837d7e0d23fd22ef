package io.egressguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.egressguard.it.apps.tools.SpringAiAgentApp;
import io.egressguard.it.apps.tools.SpringAiToolLoopApp;
import io.egressguard.it.support.Canaries;
import io.egressguard.it.support.ChildJvm;
import io.egressguard.it.support.GuardFixture;
import io.egressguard.it.support.RecordingServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A real Spring AI agent ({@code ChatClient}, OpenAI chat model, {@code @Tool} methods and a
 * {@code FunctionToolCallback}) against loopback stand-ins: the model asks for three tools of the same
 * agent; the GitHub token goes to the two the rule grants it to, on whichever thread they do their
 * work, and the third is refused it. The model API key is used outside tools only.
 */
class SpringAiToolsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> HOWS = List.of("same-thread", "executor", "completable-future");

    @Test
    void theModelChoosesTheToolAndTheRuleForThatToolDecides() throws Exception {
        int modelPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            modelPort = free.getLocalPort(); // the model stand-in runs in the child; the rule needs its port
        }
        try (RecordingServer github = RecordingServer.http();
                GuardFixture guard = GuardFixture.create().secret("github", Canaries.GITHUB)
                        .secret("openai", Canaries.OPENAI)) {
            guard.rules("version: 1\n"
                    + "secrets:\n"
                    + "  - name: github\n"
                    + "    allow:\n"
                    + "      - {host: 127.0.0.1, scheme: http, port: " + github.port() + ", methods: [GET],"
                    + " paths: [\"/repos/**\"], tools: [listIssues, listLabels]}\n"
                    + "    inject: {replace-handle-in: [Authorization]}\n"
                    + "  - name: openai\n"
                    + "    allow:\n"
                    + "      - {host: 127.0.0.1, scheme: http, port: " + modelPort + ", paths: [\"/v1/**\"], tools: [outside-tools]}\n"
                    + "    inject: {replace-handle-in: [Authorization]}\n");
            ChildJvm.Result r = ChildJvm.java().agent(guard.agentOptions("identity=triage-bot")).testClasses()
                    .libs("spring-ai-1.1.2").stdin(Canaries.OPENAI)
                    .main(SpringAiAgentApp.class, github.url(""), GuardFixture.handle("github"),
                            GuardFixture.handle("openai"), String.valueOf(modelPort)).run();
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.stdout.contains("ANSWER done"), r.toString());
            assertTrue(r.stdout.contains("LLM requests 4, with the real key 4"), "the agent loop itself uses the model key\n" + r);
            assertOnlyTheGrantedToolsGotTheToken(r, github);

            int githubInjected = 0;
            int modelInjected = 0;
            int closeBlocked = 0;
            for (String line : guard.auditLines()) {
                JsonNode a = JSON.readTree(line);
                assertEquals("triage-bot", a.get("identity").asText(), a.toString());
                String decision = a.get("decision").asText();
                String secret = a.get("secret").asText();
                if (decision.equals("injected") && secret.equals("github")) {
                    githubInjected++;
                    assertTrue(Set.of("listIssues", "listLabels").contains(a.get("tool").asText()), a.toString());
                } else if (decision.equals("injected") && secret.equals("openai")) {
                    modelInjected++;
                    assertTrue(a.get("tool").isNull(), "the model is called outside any tool: " + a);
                } else if (decision.equals("blocked")) {
                    closeBlocked++;
                    assertEquals("closeIssue", a.get("tool").asText(), a.toString());
                }
            }
            assertEquals(6, githubInjected);
            assertEquals(4, modelInjected);
            assertEquals(3, closeBlocked);
        }
    }

    /**
     * Spring AI 2.x (Spring Framework 7, Jackson 3): its tool calling manager runs the same tools for
     * model answers that ask for them; the same rule decides.
     */
    @Test
    void springAi2ToolsAreRecognisedToo() throws Exception {
        try (RecordingServer github = RecordingServer.http();
                GuardFixture guard = GuardFixture.create().secret("github", Canaries.GITHUB)) {
            guard.rules("version: 1\n"
                    + "secrets:\n"
                    + "  - name: github\n"
                    + "    allow:\n"
                    + "      - {host: 127.0.0.1, scheme: http, port: " + github.port() + ", methods: [GET],"
                    + " paths: [\"/repos/**\"], tools: [listIssues, listLabels]}\n"
                    + "    inject: {replace-handle-in: [Authorization]}\n");
            ChildJvm.Result r = ChildJvm.java().agent(guard.agentOptions("identity=triage-bot")).testClasses()
                    .libs("spring-ai-model-2.0.1")
                    .main(SpringAiToolLoopApp.class, github.url(""), GuardFixture.handle("github")).run();
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.stdout.contains("DONE"), r.toString());
            assertOnlyTheGrantedToolsGotTheToken(r, github);
            int injected = 0;
            int blocked = 0;
            for (String line : guard.auditLines()) {
                JsonNode a = JSON.readTree(line);
                assertEquals("triage-bot", a.get("identity").asText(), a.toString());
                if (a.get("decision").asText().equals("injected")) {
                    injected++;
                    assertTrue(Set.of("listIssues", "listLabels").contains(a.get("tool").asText()), a.toString());
                } else if (a.get("decision").asText().equals("blocked")) {
                    blocked++;
                    assertEquals("closeIssue", a.get("tool").asText(), a.toString());
                }
            }
            assertEquals(6, injected);
            assertEquals(3, blocked);
        }
    }

    /** listIssues (@Tool) and listLabels (function) got the token on every thread; closeIssue never. */
    private static void assertOnlyTheGrantedToolsGotTheToken(ChildJvm.Result r, RecordingServer github) {
        Map<String, String> tools = ToolEntryPointIT.calls(r.stdout.replace("TOOL ", "CALL "));
        for (String how : HOWS) {
            assertEquals("status 200", tools.get("listIssues " + how), "@Tool method, " + how + "\n" + r);
            assertEquals("status 200", tools.get("listLabels " + how), "FunctionToolCallback, " + how + "\n" + r);
            String refused = tools.get("closeIssue " + how);
            assertTrue(refused != null && refused.contains("tool 'closeIssue' of identity 'triage-bot' may not use secret 'github'")
                    && refused.contains("allows it only for tools [listIssues, listLabels]"), how + ": " + refused);
        }
        int withToken = 0;
        for (RecordedRequest req : github.all()) {
            String auth = req.getHeader("Authorization");
            if (auth != null && auth.contains(Canaries.GITHUB)) {
                withToken++;
                assertTrue(Set.of("/repos/acme/app/issues", "/repos/acme/app/labels").contains(req.getPath()),
                        "only the granted tools' requests: " + req.getPath());
            }
        }
        assertEquals(6, withToken);
        assertNull(Canaries.findIn(r.stdout + r.stderr));
    }
}
