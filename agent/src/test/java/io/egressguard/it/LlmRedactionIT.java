package io.egressguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.egressguard.it.support.Canaries;
import io.egressguard.it.support.ChildJvm;
import io.egressguard.it.support.GuardFixture;
import io.egressguard.it.support.RecordingServer;
import io.egressguard.it.support.Scenarios;
import io.egressguard.it.support.TlsFixture;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prompts to an LLM API leave without secrets: every known secret in the body, in any form and in
 * any part of the conversation, becomes its handle; the body stays valid JSON with a correct length;
 * handles already in the conversation pass untouched and never cause a block.
 */
class LlmRedactionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RecordingServer llm;
    private static RecordingServer llmTls;
    private static GuardFixture guard;
    private static GuardFixture blocking;

    @BeforeAll
    static void start() throws Exception {
        llm = RecordingServer.http();
        llmTls = RecordingServer.http2();
        String rules = "version: 1\n"
                + "llm:\n"
                + "  endpoints: [\"" + llm.url("/v1") + "\", \"" + llmTls.url("/v1") + "\"]\n"
                + "{ON_SECRET}"
                + "secrets:\n"
                + "  - name: openai\n"
                + "    allow:\n"
                + "      - {host: 127.0.0.1, scheme: http, port: " + llm.port() + ", paths: [\"/v1/**\"]}\n"
                + "      - {host: 127.0.0.1, port: " + llmTls.port() + ", paths: [\"/v1/**\"]}\n"
                + "    inject: {set-header: Authorization, format: bearer}\n"
                + "  - name: github\n"
                + "    allow:\n"
                + "      - {host: api.github.com}\n"
                + "    inject: {replace-handle-in: [Authorization]}\n";
        guard = GuardFixture.create().secret("openai", Canaries.OPENAI).secret("github", Canaries.GITHUB)
                .secret("internal", Canaries.INTERNAL).rules(rules.replace("{ON_SECRET}", ""));
        blocking = GuardFixture.create().secret("openai", Canaries.OPENAI).secret("github", Canaries.GITHUB)
                .rules(rules.replace("{ON_SECRET}", "  on-secret: block\n"));
    }

    @AfterAll
    static void stop() throws Exception {
        llm.close();
        llmTls.close();
        guard.close();
        blocking.close();
    }

    /** A chat request that mentions secrets everywhere a conversation can. */
    static String conversation(String id) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("x-access-token:" + Canaries.GITHUB).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> body = Map.of(
                "model", "gpt-test-" + id,
                "messages", new Object[] {
                    Map.of("role", "system", "content", "You help. Internal token: " + Canaries.INTERNAL),
                    Map.of("role", "user", "content", new Object[] {
                        Map.of("type", "text", "text", "My GitHub token is " + Canaries.GITHUB + "\nthanks"),
                        Map.of("type", "text", "text", "and as a header: Authorization: Basic " + basic)}),
                    Map.of("role", "assistant", "tool_calls", new Object[] {Map.of("id", "c1", "type", "function",
                        "function", Map.of("name", "call_api", "arguments",
                            JSON.writeValueAsString(Map.of("token", Canaries.GITHUB, "url", "https://api.github.com/user")))) }),
                    Map.of("role", "tool", "tool_call_id", "c1", "content",
                        "{\"ok\":true,\"echo\":\"" + Canaries.OPENAI + "\",\"previous\":\"" + GuardFixture.handle("github") + "\"}"),
                    Map.of("role", "user", "content", "Use " + GuardFixture.handle("github") + " for the next call.")});
        return JSON.writeValueAsString(body);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"okhttp,okhttp-4.12.0", "okhttp-stream,okhttp-4.12.0", "okhttp,okhttp-5.5.1", "jdk,okhttp-4.12.0",
            "jdk-async,okhttp-4.12.0", "jdk-stream,okhttp-4.12.0", "huc,okhttp-4.12.0", "huc-chunked,okhttp-4.12.0",
            "huc-fixed,okhttp-4.12.0", "jdk-h2,okhttp-4.12.0", "okhttp3,okhttp-3.14.9",
            "apache4,apache-httpclient-4.5.14+okhttp-4.12.0", "apache4-stream,apache-httpclient-4.5.14+okhttp-4.12.0",
            "apache5,apache-httpclient5-5.6.1+okhttp-4.12.0", "apache5-async,apache-httpclient5-5.6.1+okhttp-4.12.0",
            "apache5-async-stream,apache-httpclient5-5.6.1+okhttp-4.12.0", "reactor-netty,reactor-netty-1.3.7+okhttp-4.12.0",
            "webclient,webflux-6.2.19+okhttp-4.12.0", "jetty,jetty-12.1.14+okhttp-4.12.0", "vertx,vertx-5.0.7+okhttp-4.12.0"})
    void promptsLeaveWithHandlesInsteadOfSecrets(String client, String libs) throws Exception {
        String path = "/v1/chat/completions/" + client + "-" + libs.replace('+', '_');
        RecordingServer server = client.equals("jdk-h2") ? llmTls : llm;
        Scenarios s = new Scenarios().post("chat", client, server.url(path), Map.of("Content-Type", "application/json"),
                conversation(client));
        ChildJvm child = ChildJvm.java().agent(guard.agentOptions()).testClasses()
                .jvmArg(TlsFixture.get().childTrustArgs()[0]).jvmArg(TlsFixture.get().childTrustArgs()[1])
                .jvmArg(TlsFixture.get().childTrustArgs()[2]);
        for (String set : libs.split("\\+")) { // the scenario application itself links against OkHttp
            child.libs(set);
        }
        Map<String, Scenarios.Outcome> r = s.run(child);
        assertEquals(200, r.get("chat").status, r.get("chat").toString());
        RecordedRequest got = server.requestsTo(path).get(0);
        String body = got.getBody().readUtf8();
        assertNull(Canaries.findIn(body), "no secret, in any form, reached the LLM API");
        assertTrue(("Bearer " + Canaries.OPENAI).equals(got.getHeader("Authorization")), "the API key itself was set");
        if (!client.equals("huc-fixed")) {
            JsonNode json = JSON.readTree(body); // still valid JSON
            String all = json.toString();
            assertTrue(all.contains("My GitHub token is " + GuardFixture.handle("github") + "\nthanks")
                    || all.contains("My GitHub token is " + GuardFixture.handle("github") + "\\nthanks"), all);
            assertTrue(all.contains("Internal token: " + GuardFixture.handle("internal")), all);
            assertTrue(all.contains("Use " + GuardFixture.handle("github") + " for the next call."), "handles pass untouched");
            JsonNode args = JSON.readTree(json.at("/messages/2/tool_calls/0/function/arguments").asText());
            assertEquals(GuardFixture.handle("github"), args.get("token").asText(), "function arguments cleaned");
        }
        String length = got.getHeader("Content-Length");
        if (length != null) {
            assertEquals(body.getBytes(StandardCharsets.UTF_8).length, Integer.parseInt(length), "length header right");
        }
        assertTrue(guard.auditLines().stream().anyMatch(l -> l.contains("\"decision\":\"redacted\"")
                && l.contains("\"path\":\"" + path + "\"")), "redactions audited");
    }

    @Test
    void withOnSecretBlockAPromptWithASecretIsRefused() throws Exception {
        String path = "/v1/chat/completions/blocked";
        Map<String, Scenarios.Outcome> r = new Scenarios()
                .post("chat", "okhttp", llm.url(path), Map.of("Content-Type", "application/json"), conversation("b"))
                .post("clean", "okhttp", llm.url(path + "-clean"), Map.of("Content-Type", "application/json"),
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"use " + GuardFixture.handle("github") + "\"}]}")
                .run(ChildJvm.java().agent(blocking.agentOptions()).testClasses().libs("okhttp-4.12.0"));
        assertTrue(r.get("chat").blockedByGuard(), r.get("chat").toString());
        assertTrue(llm.requestsTo(path).isEmpty());
        assertEquals(200, r.get("clean").status, "a handle alone never blocks a prompt: " + r.get("clean"));
    }
}
