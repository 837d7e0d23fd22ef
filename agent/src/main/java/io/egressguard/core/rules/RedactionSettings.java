package io.egressguard.core.rules;

import java.util.Map;
import java.util.Set;

/**
 * The rule file's {@code redaction} section: what a known secret becomes in each kind of output, and
 * which format detectors are turned off.
 */
public final class RedactionSettings {

    /** The kinds of output whose known-secret replacement the rule file may choose. */
    public enum Output { LOGS, CONSOLE, TRACES }

    /** What a known secret becomes: {@code [REDACTED:name]} or the secret's handle. */
    public enum Replacement { PLACEHOLDER, HANDLE }

    public static final RedactionSettings DEFAULT = new RedactionSettings(Map.of(), true, Set.of());

    private final Map<Output, Replacement> knownSecrets;
    private final boolean detectors;
    private final Set<String> disabledDetectors;

    RedactionSettings(Map<Output, Replacement> knownSecrets, boolean detectors, Set<String> disabledDetectors) {
        this.knownSecrets = knownSecrets;
        this.detectors = detectors;
        this.disabledDetectors = disabledDetectors;
    }

    /** The replacement chosen for {@code output}; placeholders unless the file says otherwise. */
    public Replacement knownSecrets(Output output) {
        return knownSecrets.getOrDefault(output, Replacement.PLACEHOLDER);
    }

    /** False: only known secrets are redacted, no credential is recognised by its format. */
    public boolean detectors() {
        return detectors;
    }

    /** Ids of detectors turned off one by one. */
    public Set<String> disabledDetectors() {
        return disabledDetectors;
    }
}
