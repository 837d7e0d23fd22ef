package io.egressguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.egressguard.it.apps.tools.McpToolsApp;
import io.egressguard.it.support.Canaries;
import io.egressguard.it.support.ChildJvm;
import io.egressguard.it.support.GuardFixture;
import io.egressguard.it.support.RecordingServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The real MCP Java SDK over HTTP on loopback: an MCP server (streamable HTTP servlet transport on
 * Jetty) whose tools call a GitHub stand-in, and an MCP client calling them. The rule file's
 * {@code mcp} section decides which calls the client may make; the server's tool handlers run as their
 * tools, so the GitHub token goes to the one tool granted it; the MCP server's own token, injected by
 * a rule for its URL, reaches it on the calls the rule scopes it to.
 */
class McpToolsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theMcpSectionDecidesCallsAndEachServerToolGetsOnlyItsGrant() throws Exception {
        int mcpPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            mcpPort = free.getLocalPort(); // the MCP server runs in the child; the rules need its port
        }
        String mcpUrl = "http://127.0.0.1:" + mcpPort + "/mcp";
        try (RecordingServer github = RecordingServer.http();
                GuardFixture guard = GuardFixture.create().secret("github", Canaries.GITHUB)
                        .secret("mcp-token", Canaries.OPENAI)) {
            guard.rules("version: 1\n"
                    + "identity: triage-bot\n"
                    + "secrets:\n"
                    + "  - name: github\n"
                    + "    allow:\n"
                    + "      - {host: 127.0.0.1, scheme: http, port: " + github.port() + ", paths: [\"/repos/**\"],"
                    + " tools: [listIssues]}\n"
                    + "    inject: {replace-handle-in: [Authorization]}\n"
                    + "  - name: mcp-token\n"
                    + "    allow:\n"
                    + "      - {host: 127.0.0.1, scheme: http, port: " + mcpPort + ", paths: [/mcp],"
                    + " tools: [outside-tools, listIssues, closeIssue]}\n"
                    + "    inject: {replace-handle-in: [Authorization]}\n"
                    + "mcp:\n"
                    + "  - {server: \"" + mcpUrl + "\", tools: [listIssues, closeIssue, deleteRepo], decision: allow}\n"
                    + "  - {server: issues-server, tools: [deleteRepo], identities: [triage-bot], decision: deny}\n");
            ChildJvm.Result r = ChildJvm.java().agent(guard.agentOptions()).testClasses().libs("mcp-2.2.0")
                    .stdin(Canaries.OPENAI)
                    .main(McpToolsApp.class, String.valueOf(mcpPort), github.url(""), GuardFixture.handle("github"),
                            GuardFixture.handle("mcp-token")).run();
            assertEquals(0, r.exitCode, r.toString());
            Map<String, String> calls = ToolEntryPointIT.calls(r.stdout);

            assertEquals("status 200", calls.get("listIssues"), r.toString());
            String close = calls.get("closeIssue");
            assertTrue(close != null && close.contains("tool 'closeIssue' of identity 'triage-bot' may not use secret 'github'"),
                    "the server's closeIssue handler runs as closeIssue, which the rule does not grant the token: " + close);
            String delete = calls.get("deleteRepo");
            assertTrue(delete != null && delete.startsWith("io.egressguard.bootstrap.EgressBlockedException: ")
                    && delete.contains("MCP tool 'deleteRepo' on server " + mcpUrl + " ('issues-server')")
                    && delete.contains("identity 'triage-bot'") && delete.contains("rule mcp@issues-server"),
                    "a deny entry wins, and the sync client throws the refusal itself: " + delete);
            String unlisted = calls.get("listRepos");
            assertTrue(unlisted != null && unlisted.contains("no entry of the 'mcp' section")
                    && unlisted.contains("decision: allow"), "calls no entry allows are refused: " + unlisted);

            int withGithubToken = 0;
            for (RecordedRequest req : github.all()) {
                String auth = req.getHeader("Authorization");
                if (auth != null && auth.contains(Canaries.GITHUB)) {
                    withGithubToken++;
                    assertEquals("/repos/acme/app/issues", req.getPath(), "only listIssues' request");
                }
                assertTrue(!req.getPath().equals("/repos/acme/app"), "deleteRepo never ran on the server");
            }
            assertEquals(1, withGithubToken);
            assertTrue(r.stdout.matches("(?s).*MCP server requests (\\d+), with the real token \\1\\b.*"),
                    "every request the client made reached the MCP server with its token, injected for its URL\n" + r);
            assertNull(Canaries.findIn(r.stdout + r.stderr));

            List<JsonNode> audit = new ArrayList<>();
            for (String line : guard.auditLines()) {
                audit.add(JSON.readTree(line));
            }
            List<String> mcpDecisions = new ArrayList<>();
            int mcpTokenInCalls = 0;
            for (JsonNode a : audit) {
                assertEquals("triage-bot", a.get("identity").asText(), a.toString());
                if ("mcp-client".equals(a.get("client").asText())) {
                    mcpDecisions.add(a.get("decision").asText() + " " + a.get("tool").asText() + " " + a.get("rule").asText());
                    assertEquals(mcpUrl, a.get("destination").asText(), a.toString());
                } else if ("mcp-token".equals(a.get("secret").asText()) && "injected".equals(a.get("decision").asText())
                        && !a.get("tool").isNull()) {
                    mcpTokenInCalls++;
                    assertTrue(List.of("listIssues", "closeIssue").contains(a.get("tool").asText()),
                            "the client's requests of a call run as the called tool: " + a);
                } else if ("github".equals(a.get("secret").asText())) {
                    assertEquals("injected".equals(a.get("decision").asText()) ? "listIssues" : "closeIssue",
                            a.get("tool").asText(), a.toString());
                }
            }
            assertEquals(List.of("allowed listIssues mcp@" + mcpUrl, "allowed closeIssue mcp@" + mcpUrl,
                    "blocked deleteRepo mcp@issues-server", "blocked listRepos none"), mcpDecisions);
            assertTrue(mcpTokenInCalls >= 2, "both allowed calls carried the MCP token as their tool\n" + audit);
        }
    }
}
