package io.egressguard.bootstrap;

import java.io.IOException;

/**
 * Thrown into the application when Egress Guard refuses to send a request. It is an
 * {@link IOException} so that code which already handles network failures handles this one too; the
 * message names the rule and the reason, never a secret value.
 */
public final class EgressBlockedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String rule;
    private final String reason;

    public EgressBlockedException(String message, String rule, String reason) {
        super(message);
        this.rule = rule;
        this.reason = reason;
    }

    /** The rule that decided, or {@code "none"} when no rule allows the secret there at all. */
    public String rule() {
        return rule;
    }

    /** A short machine-readable reason such as {@code handle-in-body} or {@code destination-not-allowed}. */
    public String reason() {
        return reason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Keep the stack: developers need to see which call of theirs was blocked.
        return super.fillInStackTrace();
    }
}
