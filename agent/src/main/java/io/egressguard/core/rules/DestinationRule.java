package io.egressguard.core.rules;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One place a secret may go: scheme, host, port, paths and methods. A request matches when all of
 * them match. Plain {@code http} is only ever matched when the rule says {@code scheme: http}.
 */
public final class DestinationRule {

    private final String id;
    private final String scheme;
    private final HostPattern host;
    private final int port;
    private final List<PathGlob> paths;
    private final Set<String> methods;
    private final Set<String> tools;
    private final Set<String> identities;
    private final int line;

    /** The name in a {@code tools} list that stands for requests made outside any tool. */
    public static final String OUTSIDE_TOOLS = "outside-tools";

    DestinationRule(String id, String scheme, HostPattern host, int port, List<PathGlob> paths,
            Set<String> methods, Set<String> tools, Set<String> identities, int line) {
        this.id = id;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.paths = paths;
        this.methods = methods;
        this.tools = tools;
        this.identities = identities;
        this.line = line;
    }

    /**
     * The tools this rule is for; empty means every request, inside a tool or not (what a rule without
     * {@code tools} has always meant). {@link #OUTSIDE_TOOLS} in the set stands for requests made
     * outside any tool.
     */
    public Set<String> tools() {
        return tools;
    }

    /** The agent identities this rule is for; empty means every identity. */
    public Set<String> identities() {
        return identities;
    }

    /**
     * Whether a request made by {@code tool} ({@code null} outside any tool) of {@code identity} may use
     * this rule, scheme, host, path and method aside.
     */
    public boolean admits(String tool, String identity) {
        if (!identities.isEmpty() && (identity == null || !identities.contains(identity))) {
            return false;
        }
        return tools.isEmpty() || tools.contains(tool == null ? OUTSIDE_TOOLS : tool);
    }

    /** Whether this rule is limited by tool or identity at all. */
    public boolean scoped() {
        return !tools.isEmpty() || !identities.isEmpty();
    }

    /** A readable identifier used in messages and audit lines: {@code secret@host}. */
    public String id() {
        return id;
    }

    public String scheme() {
        return scheme;
    }

    public HostPattern host() {
        return host;
    }

    public int port() {
        return port;
    }

    public List<PathGlob> paths() {
        return paths;
    }

    /** Upper-case method names; empty means every method. */
    public Set<String> methods() {
        return methods;
    }

    public int line() {
        return line;
    }

    public boolean matchesOrigin(String requestScheme, String canonicalHost, int requestPort) {
        return scheme.equalsIgnoreCase(requestScheme) && port == requestPort && host.matches(canonicalHost);
    }

    public boolean matchesMethod(String method) {
        return methods.isEmpty() || methods.contains(method.toUpperCase(Locale.ROOT));
    }

    /** @param normalisedPath from {@link RequestPaths#normalise}, may be {@code null} for odd paths */
    public boolean matchesPath(String normalisedPath) {
        for (PathGlob g : paths) {
            if (g == PathGlob.ANY || (normalisedPath != null && g.matches(normalisedPath))) {
                return true;
            }
        }
        return false;
    }

    /** What this rule allows, for messages: {@code https://api.github.com:443 GET,HEAD /repos/**}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(scheme).append("://").append(host).append(':').append(port).append(' ');
        sb.append(methods.isEmpty() ? "any method" : String.join(",", methods)).append(' ');
        for (int i = 0; i < paths.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(paths.get(i));
        }
        if (!tools.isEmpty()) {
            sb.append(" for tools ").append(String.join(",", tools));
        }
        if (!identities.isEmpty()) {
            sb.append(" for identities ").append(String.join(",", identities));
        }
        return sb.toString();
    }
}
