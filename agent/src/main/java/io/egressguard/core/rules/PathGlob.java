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

    // The glob as a sequence of tokens, matched by simulating all positions at once (a Thompson NFA):
    // time grows with glob length times path length, whatever the glob, so a long request path cannot
    // make a glob with several stars take exponential time.
    private static final byte LITERAL = 0;
    private static final byte ONE = 1;     // ?
    private static final byte STAR = 2;    // *
    private static final byte DEEP = 3;    // **

    private final String glob;
    private final byte[] kinds;
    private final char[] literals;
    /** For a {@code **} between two '/': it may also match nothing together with the '/' after it. */
    private final boolean[] slashWrapped;
    /** The common shapes, matched without the general machinery: {@code /user} and {@code /repos/**}. */
    private final String exact;
    private final String prefix;

    private PathGlob(String glob) {
        this.glob = glob;
        int n = 0;
        byte[] k = new byte[glob.length()];
        char[] l = new char[glob.length()];
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                k[n++] = DEEP;
                i++;
            } else {
                k[n] = c == '*' ? STAR : c == '?' ? ONE : LITERAL;
                l[n++] = c;
            }
        }
        this.kinds = java.util.Arrays.copyOf(k, n);
        this.literals = java.util.Arrays.copyOf(l, n);
        this.slashWrapped = new boolean[n];
        for (int t = 1; t + 1 < n; t++) {
            slashWrapped[t] = kinds[t] == DEEP && isSlash(t - 1) && isSlash(t + 1);
        }
        boolean wild = glob.indexOf('*') >= 0 || glob.indexOf('?') >= 0;
        String head = glob.endsWith("/**") ? glob.substring(0, glob.length() - 2) : null;
        this.exact = wild ? null : glob;
        this.prefix = head != null && head.indexOf('*') < 0 && head.indexOf('?') < 0 ? head : null;
    }

    private boolean isSlash(int token) {
        return kinds[token] == LITERAL && literals[token] == '/';
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
        if (exact != null) {
            return exact.equals(normalisedPath);
        }
        if (prefix != null) {
            return normalisedPath.startsWith(prefix);
        }
        int n = kinds.length;
        // states: how many tokens have been matched so far
        boolean[] current = new boolean[n + 1];
        boolean[] next = new boolean[n + 1];
        enter(current, 0);
        skipEmpty(current);
        for (int i = 0; i < normalisedPath.length(); i++) {
            char c = normalisedPath.charAt(i);
            java.util.Arrays.fill(next, false);
            boolean alive = false;
            for (int s = 0; s < n; s++) {
                if (!current[s]) {
                    continue;
                }
                switch (kinds[s]) {
                    case LITERAL:
                        if (c == literals[s]) {
                            enter(next, s + 1);
                            alive = true;
                        }
                        break;
                    case ONE:
                        if (c != '/') {
                            next[s + 1] = alive = true;
                        }
                        break;
                    case STAR:
                        if (c != '/') {
                            next[s] = alive = true;
                        }
                        break;
                    default: // DEEP
                        next[s] = alive = true;
                        break;
                }
            }
            if (!alive) {
                return false;
            }
            skipEmpty(next);
            boolean[] t = current;
            current = next;
            next = t;
        }
        return current[n];
    }

    /**
     * Marks state {@code s}, reached right after a '/': if a slash-wrapped {@code **} follows, it may
     * match nothing together with its closing '/', so the state after that '/' is reached too.
     */
    private void enter(boolean[] states, int s) {
        states[s] = true;
        if (s < kinds.length && slashWrapped[s]) {
            enter(states, s + 2);
        }
    }

    /** Adds the states reachable without consuming a character: past stars that match nothing. */
    private void skipEmpty(boolean[] states) {
        for (int s = 0; s < kinds.length; s++) {
            if (states[s] && kinds[s] >= STAR) {
                states[s + 1] = true;
            }
        }
    }

    @Override
    public String toString() {
        return glob;
    }
}
