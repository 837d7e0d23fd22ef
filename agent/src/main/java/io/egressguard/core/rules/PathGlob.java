package io.egressguard.core.rules;

/**
 * A path a secret may be sent to. {@code *} matches within one segment (never a {@code /}),
 * {@code **} matches anything including {@code /}, {@code ?} matches one character that is not
 * {@code /}. A {@code /**}{@code /} in the middle also matches a single {@code /}, so
 * {@code /a/**}{@code /b} covers {@code /a/b} as well as {@code /a/x/y/b}. Everything else matches
 * itself, case-sensitively. Globs are compared with the normalised request path (see
 * {@link RequestPaths}), so {@code /repos/../admin} never passes as {@code /repos/**}.
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
            if (c <= ' ' || c == '#' || c == '\\' || c == '[' || c == ']' || c == '{' || c == '}' || c == 0x7f) {
                return "character '" + (c <= ' ' || c == 0x7f ? "\\u" + String.format("%04x", (int) c) : String.valueOf(c))
                        + "' is not allowed in a path glob; use * (within a segment), ** (any depth) and ? (one character)";
            }
        }
        if (glob.contains("/../") || glob.endsWith("/..") || glob.contains("/./") || glob.endsWith("/.")) {
            return "a path glob must not contain '.' or '..' segments (request paths are compared after resolving them)";
        }
        int q = glob.indexOf('?');
        if (q >= 0 && (glob.indexOf('=', q) >= 0 || glob.indexOf('&', q) >= 0)) {
            return "the query string is not part of the path; a rule cannot match on it (remove it from the glob)";
        }
        for (int i = glob.indexOf('%'); i >= 0; i = glob.indexOf('%', i + 1)) {
            int hi = i + 2 < glob.length() ? Character.digit(glob.charAt(i + 1), 16) : -1;
            int lo = i + 2 < glob.length() ? Character.digit(glob.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                return "'%' must start an escape of two hex digits, such as %20";
            }
            char decoded = (char) (hi * 16 + lo);
            if (decoded == '/' || decoded == '\\') {
                return "an escaped '/' or '\\' never matches: such request paths are refused, because servers read them"
                        + " differently";
            }
            if (RequestPaths.isUnreserved(decoded)) {
                return "write '" + decoded + "' instead of '" + glob.substring(i, i + 3)
                        + "' (request paths are compared with such escapes decoded)";
            }
        }
        return null;
    }

    /** @param glob a glob for which {@link #problem} found nothing */
    static PathGlob of(String glob) {
        if ("/**".equals(glob)) {
            return ANY;
        }
        // escapes in upper case, as RequestPaths.normalise writes them
        StringBuilder sb = new StringBuilder(glob);
        for (int i = glob.indexOf('%'); i >= 0; i = glob.indexOf('%', i + 1)) {
            sb.setCharAt(i + 1, Character.toUpperCase(sb.charAt(i + 1)));
            sb.setCharAt(i + 2, Character.toUpperCase(sb.charAt(i + 2)));
        }
        return new PathGlob(sb.toString());
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
                // "/**/" also matches a single "/": skip "**/" and go on right after the '/' before it
                if (deep && gi > 0 && g.charAt(gi - 1) == '/' && g.charAt(next) == '/' && match(g, next + 1, p, pi)) {
                    return true;
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
