package io.egressguard.core.rules;

import static io.egressguard.core.rules.RuleFileParserTest.assertProblem;
import static io.egressguard.core.rules.RuleFileParserTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code mcp} section: which tools of which MCP servers may be called, by whom. */
class McpRulesTest {

    private static final String SECRETS = "secrets:\n"
            + "  - name: s\n"
            + "    allow: [{host: a.example.com}]\n"
            + "    inject: {replace-handle-in: [Authorization]}\n";

    @Test
    void entriesNameAServerByUrlOrNameAndNarrowByToolAndIdentity() throws Exception {
        List<McpRule> mcp = parse("version: 1\n" + SECRETS
                + "mcp:\n"
                + "  - {server: \"http://127.0.0.1:8931/mcp\", tools: [listIssues], identities: [triage-bot], decision: allow}\n"
                + "  - {server: \"https://mcp.acme.com\", decision: allow}\n"
                + "  - {server: issues-server, tools: closeIssue, decision: deny}\n"
                + "  - {server: \"http://127.0.0.1:8931/mcp\", tools: [closeIssue], decision: deny}\n", null).mcp();
        assertEquals(4, mcp.size());
        McpRule local = mcp.get(0);
        assertEquals("mcp@http://127.0.0.1:8931/mcp", local.id());
        assertEquals("mcp@http://127.0.0.1:8931/mcp#2", mcp.get(3).id(), "a repeated server gets a numbered id");
        assertEquals(7, local.line());
        assertTrue(local.allows());
        assertTrue(local.matches("http://127.0.0.1:8931/mcp", null, "listIssues", "triage-bot"));
        assertTrue(local.matches("http://127.0.0.1:8931/mcp/", "anything", "listIssues", "triage-bot"), "a trailing slash");
        assertFalse(local.matches("http://127.0.0.1:8931/mcp", null, "closeIssue", "triage-bot"), "another tool");
        assertFalse(local.matches("http://127.0.0.1:8931/mcp", null, "listIssues", "release-bot"), "another identity");
        assertFalse(local.matches("http://127.0.0.1:8932/mcp", null, "listIssues", "triage-bot"), "another port");
        assertFalse(local.matches("http://127.0.0.1:8931/other", null, "listIssues", "triage-bot"), "another path");
        assertFalse(local.matches("https://127.0.0.1:8931/mcp", null, "listIssues", "triage-bot"), "another scheme");
        assertFalse(local.matches(null, "http://127.0.0.1:8931/mcp", "listIssues", "triage-bot"),
                "a URL rule is never matched by what a server calls itself");
        McpRule origin = mcp.get(1);
        assertTrue(origin.matches("https://MCP.acme.com:443/v1/mcp", null, "any", "anyone"), "no path: every endpoint");
        McpRule named = mcp.get(2);
        assertFalse(named.allows());
        assertTrue(named.matches(null, "issues-server", "closeIssue", "anyone"));
        assertFalse(named.matches("http://issues-server/mcp", null, "closeIssue", "anyone"), "a name is not a host");
    }

    @Test
    void aFileWithoutTheSectionLeavesMcpCallsUnchecked() throws Exception {
        assertNull(parse("version: 1\n" + SECRETS, null).mcp());
    }

    @Test
    void mistakesArePlacedAndExplained() {
        List<RuleProblem> p;
        try {
            parse("version: 1\n" + SECRETS
                    + "mcp:\n"
                    + "  - {server: \"ftp://x/mcp\", decision: allow}\n"
                    + "  - {server: \"http://u:p@x/mcp\", decision: allow}\n"
                    + "  - {server: \"two words\", decision: allow}\n"
                    + "  - {tools: [a], decision: allow}\n"
                    + "  - {server: x, tools: [], identities: [], decision: allow}\n"
                    + "  - {server: x, decision: Allow}\n"
                    + "  - {server: x, tool: [a]}\n", null);
            fail("accepted");
            return;
        } catch (RuleFileException e) {
            p = e.problems();
        }
        assertProblem(p, 7, 14, "invalid MCP server URL 'ftp://x/mcp': an MCP server URL starts with http://", "http://127.0.0.1");
        assertProblem(p, 8, 14, "no user, query or fragment", "http://127.0.0.1");
        assertProblem(p, 9, 14, "neither a URL nor a server name", "http://");
        assertProblem(p, 10, 5, "'mcp' entry without 'server'", "by its URL");
        assertProblem(p, 11, 24, "'tools' is empty", "every tool of the server");
        assertProblem(p, 11, 40, "'identities' is empty", "every identity");
        assertProblem(p, 12, 27, "'decision' must be allow or deny", "write it in lower case: allow");
        assertProblem(p, 13, 17, "unknown key 'tool'", "did you mean 'tools'?");
        assertProblem(p, 13, 5, "'mcp' entry without 'decision'", "decision: deny");
    }

    @Test
    void anEmptySectionIsAMistakeNotADenyAll() {
        try {
            parse("version: 1\n" + SECRETS + "mcp: []\n", null);
            fail("accepted");
        } catch (RuleFileException e) {
            assertProblem(e.problems(), 6, 6, "'mcp' is empty", "remove 'mcp'");
        }
    }
}
