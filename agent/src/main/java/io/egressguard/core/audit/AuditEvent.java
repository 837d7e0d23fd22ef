package io.egressguard.core.audit;

/**
 * One decision about one credential on one request hop. Holds names and places only: there is no
 * field a secret value could go into.
 */
public final class AuditEvent {

    /** What the guard did. */
    public enum Outcome {
        INJECTED, BLOCKED, STRIPPED,
        /** a secret taken out of a request body to an LLM API (it became its handle or a placeholder) */
        REDACTED,
        /** a call the rule file lets through (an MCP tool call); refused calls are BLOCKED */
        ALLOWED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    final long timeMillis;
    final Outcome outcome;
    final String secret;
    final String rule;
    final String destination;
    final String method;
    final String path;
    final String client;
    final String reason;
    final String identity;
    final String tool;

    public AuditEvent(Outcome outcome, String secret, String rule, String destination, String method, String path,
            String client, String reason, String identity, String tool) {
        this.timeMillis = System.currentTimeMillis();
        this.outcome = outcome;
        this.secret = secret;
        this.rule = rule;
        this.destination = destination;
        this.method = method;
        this.path = path;
        this.client = client;
        this.reason = reason;
        this.identity = identity;
        this.tool = tool;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String secret() {
        return secret;
    }

    public String rule() {
        return rule;
    }

    public String reason() {
        return reason;
    }
}
