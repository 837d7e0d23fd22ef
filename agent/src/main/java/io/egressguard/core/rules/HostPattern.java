package io.egressguard.core.rules;

/**
 * A host a secret may go to: an exact name ({@code api.github.com}), an IP literal, or a wildcard
 * {@code *.example.com} that matches every subdomain of {@code example.com} at any depth, but not
 * {@code example.com} itself. Both sides are compared in canonical form (see {@link Hosts}).
 */
public final class HostPattern {

    private final String text;
    private final String canonical;
    private final boolean wildcard;

    private HostPattern(String text, String canonical, boolean wildcard) {
        this.text = text;
        this.canonical = canonical;
        this.wildcard = wildcard;
    }

    /** Parses a host pattern; returns {@code null} with no exception when it is not valid. */
    static HostPattern parse(String text) {
        String t = text.trim();
        boolean wildcard = t.startsWith("*.");
        String rest = wildcard ? t.substring(2) : t;
        if (rest.isEmpty() || rest.contains("*")) {
            return null;
        }
        String canonical = Hosts.canonical(rest);
        if (canonical == null) {
            return null;
        }
        if (wildcard && (Hosts.isIpLiteral(canonical) || canonical.indexOf('.') < 0)) {
            return null; // *.1.2.3.4 or *.com would be nonsense or far too broad
        }
        return new HostPattern(t, canonical, wildcard);
    }

    public boolean isWildcard() {
        return wildcard;
    }

    /** For an exact pattern the host; for a wildcard the domain after {@code *.}. */
    public String canonicalHost() {
        return canonical;
    }

    /** @param canonicalHost a host already in canonical form */
    public boolean matches(String canonicalHost) {
        if (!wildcard) {
            return canonical.equals(canonicalHost);
        }
        int n = canonicalHost.length() - canonical.length();
        return n > 1 && canonicalHost.charAt(n - 1) == '.' && canonicalHost.endsWith(canonical);
    }

    @Override
    public String toString() {
        return text;
    }
}
