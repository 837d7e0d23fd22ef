package io.egressguard.core.rules;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of the rule file's {@code mcp} section: whether calls of some tools of one MCP server, by
 * some identities, are allowed or denied. A server is named by URL (what the client's transport
 * connects to) or by the name the server gives itself when the client initialises.
 */
public final class McpRule {

    private final String id;
    private final String server;
    private final URI url;
    private final Set<String> tools;
    private final Set<String> identities;
    private final boolean allow;
    private final int line;

    McpRule(String id, String server, URI url, Set<String> tools, Set<String> identities, boolean allow, int line) {
        this.id = id;
        this.server = server;
        this.url = url;
        this.tools = tools;
        this.identities = identities;
        this.allow = allow;
        this.line = line;
    }

    /** For messages and audit lines: {@code mcp@http://127.0.0.1:8931/mcp}, {@code #2} appended for a repeat. */
    public String id() {
        return id;
    }

    /** The server as the rule file writes it. */
    public String server() {
        return server;
    }

    public boolean allows() {
        return allow;
    }

    public int line() {
        return line;
    }

    /** The tools this entry is about; empty means every tool of the server. */
    public Set<String> tools() {
        return tools;
    }

    /** The identities this entry is about; empty means every identity. */
    public Set<String> identities() {
        return identities;
    }

    /**
     * Whether this entry is about a call of {@code tool} on the server at {@code serverUrl} (or named
     * {@code serverName}) by {@code identity}. Either server argument may be {@code null} when unknown.
     */
    public boolean matches(String serverUrl, String serverName, String tool, String identity) {
        if (!tools.isEmpty() && !tools.contains(tool)) {
            return false;
        }
        if (!identities.isEmpty() && !identities.contains(identity)) {
            return false;
        }
        return url != null ? serverUrl != null && sameServer(url, serverUrl) : server.equals(serverName);
    }

    /**
     * Same scheme, host and port; and the same path, unless the rule names no path (then any endpoint
     * of that origin).
     */
    static boolean sameServer(URI rule, String actual) {
        URI a;
        try {
            a = URI.create(actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (a.getScheme() == null || a.getHost() == null || !rule.getScheme().equalsIgnoreCase(a.getScheme())
                || !rule.getHost().toLowerCase(Locale.ROOT).equals(a.getHost().toLowerCase(Locale.ROOT))
                || port(rule) != port(a)) {
            return false;
        }
        String rulePath = trimSlash(rule.getPath());
        return rulePath.isEmpty() || rulePath.equals(trimSlash(a.getPath()));
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static String trimSlash(String path) {
        String p = path == null ? "" : path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** Why text is not a server URL this format takes, or {@code null}; for the parser. */
    static String urlProblem(String text) {
        URI u;
        try {
            u = new URI(text);
        } catch (java.net.URISyntaxException e) {
            return "not a valid URL";
        }
        if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())) {
            return "an MCP server URL starts with http:// or https://";
        }
        if (u.getHost() == null) {
            return "the URL has no host";
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
            return "give scheme, host, port and path only (no user, query or fragment)";
        }
        return null;
    }
}
