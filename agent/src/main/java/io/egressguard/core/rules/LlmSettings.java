package io.egressguard.core.rules;

import java.net.URI;
import java.util.List;

/**
 * The rule file's {@code llm} section. Requests to LLM APIs (the well-known providers and these extra
 * base URLs) have their bodies cleaned of secrets rather than blocked, unless {@code on-secret: block}.
 */
public final class LlmSettings {

    public static final LlmSettings DEFAULT = new LlmSettings(List.of(), false);

    private final List<URI> endpoints;
    private final boolean blockSecrets;

    LlmSettings(List<URI> endpoints, boolean blockSecrets) {
        this.endpoints = endpoints;
        this.blockSecrets = blockSecrets;
    }

    /** Base URLs of LLM APIs besides the built-in providers (an internal gateway, a local model). */
    public List<URI> endpoints() {
        return endpoints;
    }

    /** True: a secret in a prompt blocks the request. False (default): the prompt is cleaned. */
    public boolean blockSecrets() {
        return blockSecrets;
    }
}
