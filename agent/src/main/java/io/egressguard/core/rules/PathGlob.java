package io.egressguard.core.rules;

/**
 * A path a secret may be sent to. {@code *} matches within one segment (never a {@code /}),
 * {@code **} matches anything including {@code /}, {@code ?} matches one character that is not
 * {@code /}. Everything else matches itself. Globs are compared with the normalised request path
 * (see {@link RequestPaths}), so {@code /repos/../admin} never passes as {@code /repos/**}.
 */
public final class PathGlob {

    public static final PathGlob ANY = new PathGlob("/**");

    private final String glob;

    private PathGlob(String glob) {
        this.glob = glob;
    }

    /** Why the glob is not valid, or {@code null} when it is. */
    static String problem(String glob) {
        if (glob.isEmpty() || glob.charAt(0) != '/') {
            return "a path glob starts with '/'";
        }
        if (glob.contains("***")) {
            return "'***' is not a glob; use '**' to match across segments";
        }
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c <= ' ' || c == '#' || c == '\\' || c == '[' || c == ']' || c == '{' || c == '}') {
                return "character '" + (c <= ' ' ? "\\u" + String.format("%04x", (int) c) : String.valueOf(c))
                        + "' is not allowed in a path glob (use * ** ?; query strings are not part of the path)";
            }
        }
        if (glob.contains("/../") || glob.endsWith("/..") || glob.contains("/./") || glob.endsWith("/.")) {
            return "a path glob must not contain '.' or '..' segments";
        }
        return null;
    }

    static PathGlob of(String glob) {
        return "/**".equals(glob) ? ANY : new PathGlob(glob);
    }

    public boolean matches(String normalisedPath) {
        return match(glob, 0, normalisedPath, 0);
    }

    private static boolean match(String g, int gi, String p, int pi) {
        while (gi < g.length()) {
            char c = g.charAt(gi);
            if (c == '*') {
                boolean deep = gi + 1 < g.length() && g.charAt(gi + 1) == '*';
                int next = gi + (deep ? 2 : 1);
                if (next == g.length()) {
                    return deep || p.indexOf('/', pi) < 0;
                }
                for (int k = pi; k <= p.length(); k++) {
                    if (match(g, next, p, k)) {
                        return true;
                    }
                    if (k < p.length() && !deep && p.charAt(k) == '/') {
                        return false;
                    }
                }
                return false;
            }
            if (pi >= p.length()) {
                return false;
            }
            char pc = p.charAt(pi);
            if (c == '?' ? pc == '/' : c != pc) {
                return false;
            }
            gi++;
            pi++;
        }
        return pi == p.length();
    }

    @Override
    public String toString() {
        return glob;
    }
}
