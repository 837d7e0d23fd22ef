package io.egressguard.core.rules;

import java.util.List;

/** Everything the rule file says about one secret: where it may go and how it is applied. */
public final class SecretRule {

    public enum OnViolation { BLOCK, STRIP }

    private final String name;
    private final String description;
    private final List<DestinationRule> destinations;
    private final Injection injection;
    private final OnViolation onViolation;
    private final int line;

    SecretRule(String name, String description, List<DestinationRule> destinations, Injection injection,
            OnViolation onViolation, int line) {
        this.name = name;
        this.description = description;
        this.destinations = destinations;
        this.injection = injection;
        this.onViolation = onViolation;
        this.line = line;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<DestinationRule> destinations() {
        return destinations;
    }

    public Injection injection() {
        return injection;
    }

    public OnViolation onViolation() {
        return onViolation;
    }

    public int line() {
        return line;
    }
}
