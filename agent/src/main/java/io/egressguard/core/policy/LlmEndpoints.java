package io.egressguard.core.policy;

import io.egressguard.core.rules.Hosts;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The destinations that are LLM APIs: the well-known providers, plus any base URL the rule file names.
 * A request to one of them has its body cleaned of secrets (known ones become their handles, others
 * {@code [REDACTED:detector-id]}) instead of being blocked, and handles in it pass untouched: a handle
 * in the conversation history is ordinary text to a model.
 */
public final class LlmEndpoints {

    /** One endpoint: scheme, host (exact, or a prefix/suffix rule for provider families), port, path prefix. */
    static final class Endpoint {
        final String scheme;
        final String host;         // canonical; null when matched by prefix/suffix
        final String hostPrefix;
        final String hostSuffix;
        final int port;
        final String pathPrefix;
        final String label;

        Endpoint(String label, String scheme, String host, String hostPrefix, String hostSuffix, int port, String pathPrefix) {
            this.label = label;
            this.scheme = scheme;
            this.host = host;
            this.hostPrefix = hostPrefix;
            this.hostSuffix = hostSuffix;
            this.port = port;
            this.pathPrefix = pathPrefix;
        }

        boolean matches(String requestScheme, String canonicalHost, int requestPort, String path) {
            if (!scheme.equalsIgnoreCase(requestScheme) || port != requestPort) {
                return false;
            }
            if (host != null) {
                if (!host.equals(canonicalHost)) {
                    return false;
                }
            } else if (!(canonicalHost.startsWith(hostPrefix) && canonicalHost.endsWith(hostSuffix)
                    && canonicalHost.length() > hostPrefix.length() + hostSuffix.length())) {
                return false;
            }
            return pathPrefix.isEmpty() || (path != null && (path.equals(pathPrefix) || path.startsWith(pathPrefix + "/")
                    || pathPrefix.endsWith("/") && path.startsWith(pathPrefix)));
        }
    }

    private final List<Endpoint> endpoints;

    private LlmEndpoints(List<Endpoint> endpoints) {
        this.endpoints = endpoints;
    }

    /** The built-in providers and the given base URLs (from the rule file). */
    public static LlmEndpoints of(List<URI> configured) {
        List<Endpoint> list = new ArrayList<>(builtIn());
        for (URI u : configured) {
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort() >= 0 ? u.getPort() : "https".equals(scheme) ? 443 : 80;
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            list.add(new Endpoint(u.toString(), scheme, Hosts.canonical(u.getHost()), null, null, port, path));
        }
        return new LlmEndpoints(List.copyOf(list));
    }

    static List<Endpoint> builtIn() {
        List<Endpoint> l = new ArrayList<>();
        for (String h : new String[] {"api.openai.com", "api.anthropic.com", "generativelanguage.googleapis.com",
                "api.mistral.ai", "api.cohere.com", "api.cohere.ai", "api.groq.com", "api.deepseek.com",
                "api.together.xyz", "api.fireworks.ai", "openrouter.ai", "api.perplexity.ai", "api.x.ai",
                "aiplatform.googleapis.com"}) {
            l.add(new Endpoint(h, "https", h, null, null, 443, ""));
        }
        l.add(new Endpoint("Azure OpenAI", "https", null, "", ".openai.azure.com", 443, ""));
        l.add(new Endpoint("Azure AI services", "https", null, "", ".cognitiveservices.azure.com", 443, ""));
        l.add(new Endpoint("Azure AI Foundry", "https", null, "", ".services.ai.azure.com", 443, ""));
        l.add(new Endpoint("Vertex AI", "https", null, "", "-aiplatform.googleapis.com", 443, ""));
        l.add(new Endpoint("Amazon Bedrock runtime", "https", null, "bedrock-runtime.", ".amazonaws.com", 443, ""));
        for (String h : new String[] {"localhost", "127.0.0.1", "::1"}) {
            l.add(new Endpoint("Ollama", "http", h, null, null, 11434, ""));
        }
        return l;
    }

    /** Whether a connection to this peer may be an LLM API's (no path is known at the socket layer). */
    boolean matchesPeer(String scheme, String canonicalHost, int port) {
        for (Endpoint e : endpoints) {
            if (e.matches(scheme, canonicalHost, port, e.pathPrefix)) {
                return true;
            }
        }
        return false;
    }

    /** The endpoint a request goes to, or {@code null} when it is not an LLM API. */
    String match(String scheme, String canonicalHost, int port, String normalisedPath) {
        if (canonicalHost == null || scheme == null) {
            return null;
        }
        for (Endpoint e : endpoints) {
            if (e.matches(scheme, canonicalHost, port, normalisedPath)) {
                return e.label;
            }
        }
        return null;
    }
}
