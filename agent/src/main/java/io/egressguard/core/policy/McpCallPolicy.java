package io.egressguard.core.policy;

import io.egressguard.bootstrap.EgressBlockedException;
import io.egressguard.bootstrap.McpCalls;
import io.egressguard.core.audit.AuditEvent;
import io.egressguard.core.audit.AuditLog;
import io.egressguard.core.rules.McpRule;
import io.egressguard.core.rules.RuleSet;
import java.util.List;

/**
 * Decides calls of MCP tools by the rule file's {@code mcp} section: a matching {@code deny} entry
 * refuses the call whatever else matches; otherwise a matching {@code allow} entry allows it;
 * otherwise it is refused. Without the section every call is allowed and nothing is audited (an
 * application that never asked for MCP rules sees no difference). The call acts as the caller's
 * identity: calling an MCP tool does not change who is calling.
 */
public final class McpCallPolicy implements McpCalls.Engine {

    static final String CLIENT = "mcp-client";
    static final String METHOD = "tools/call";

    private final List<McpRule> rules;
    private final String ruleFile;
    private final AuditLog audit;
    private final Caller.Resolver callers;

    /** @param identityOption the {@code identity} agent option, or {@code null} */
    public McpCallPolicy(RuleSet ruleSet, AuditLog audit, String identityOption) {
        this.rules = ruleSet.mcp();
        this.ruleFile = String.valueOf(ruleSet.file());
        this.audit = audit;
        this.callers = new Caller.Resolver(ruleSet.tools(), identityOption);
    }

    @Override
    public String authorize(String serverUrl, String serverName, String tool) throws EgressBlockedException {
        Caller caller = callers.current();
        if (rules == null) {
            return caller.identity;
        }
        McpRule allowedBy = null;
        McpRule deniedBy = null;
        for (McpRule r : rules) {
            if (r.matches(serverUrl, serverName, tool, caller.identity)) {
                if (!r.allows()) {
                    deniedBy = r;
                    break;
                }
                if (allowedBy == null) {
                    allowedBy = r;
                }
            }
        }
        String server = describe(serverUrl, serverName);
        String from = caller.tool == null ? "" : ", from inside tool '" + caller.tool + "'";
        if (deniedBy == null && allowedBy != null) {
            audit.record(new AuditEvent(AuditEvent.Outcome.ALLOWED, null, allowedBy.id(), destination(serverUrl, serverName),
                    METHOD, null, CLIENT, "MCP tool call allowed by " + where(allowedBy) + from, caller.identity, tool));
            return caller.identity;
        }
        String rule = deniedBy != null ? deniedBy.id() : "none";
        String reason = deniedBy != null ? "mcp-call-denied" : "mcp-call-not-allowed";
        String why = deniedBy != null ? "rule " + where(deniedBy) + " denies it"
                : "no entry of the 'mcp' section in " + ruleFile + " allows it; to allow it add"
                        + " '- {server: \"" + (serverUrl != null ? serverUrl : serverName) + "\", tools: [" + tool
                        + "], identities: [" + caller.identity + "], decision: allow}'"
                        + (serverUrl == null && serverName == null
                                ? " (this client's transport has no URL and the server has not named itself yet)" : "");
        audit.record(new AuditEvent(AuditEvent.Outcome.BLOCKED, null, rule, destination(serverUrl, serverName), METHOD,
                null, CLIENT, "MCP tool call refused: " + why + from, caller.identity, tool));
        throw new EgressBlockedException("Egress Guard refused the call of MCP tool '" + tool + "' on server " + server
                + " by identity '" + caller.identity + "'" + from + ": " + why, rule, reason);
    }

    private String where(McpRule r) {
        return r.id() + " (" + ruleFile + " line " + r.line() + ")";
    }

    private static String destination(String serverUrl, String serverName) {
        return serverUrl != null ? serverUrl : serverName != null ? serverName : "unknown";
    }

    private static String describe(String serverUrl, String serverName) {
        if (serverUrl != null && serverName != null) {
            return serverUrl + " ('" + serverName + "')";
        }
        return serverUrl != null ? serverUrl : serverName != null ? "'" + serverName + "'" : "(unknown address and name)";
    }
}
