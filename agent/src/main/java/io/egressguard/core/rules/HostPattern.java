package io.egressguard.core.rules;

/**
 * A host a secret may go to: an exact name ({@code api.github.com}), an IP literal, or a wildcard
 * {@code *.example.com} that matches every subdomain of {@code example.com} at any depth, but not
 * {@code example.com} itself. Both sides are compared in canonical form (see {@link Hosts}).
 */
public final class HostPattern {

    private final String canonical;
    private final boolean wildcard;

    private HostPattern(String canonical, boolean wildcard) {
        this.canonical = canonical;
        this.wildcard = wildcard;
    }

    /** Parses a host pattern; returns {@code null} with no exception when it is not valid (see {@link #problem}). */
    static HostPattern parse(String text) {
        if (problem(text) != null) {
            return null;
        }
        String t = text.trim();
        boolean wildcard = t.startsWith("*.");
        return new HostPattern(Hosts.canonical(wildcard ? t.substring(2) : t), wildcard);
    }

    /** Why {@code text} is not a valid host pattern, with what to write instead; {@code null} when it is valid. */
    static String problem(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return "it is empty";
        }
        if (t.contains("://") || t.indexOf('/') >= 0) {
            return "it is a URL; give the host name only, with the scheme in 'scheme', the port in 'port' and"
                    + " paths in 'paths'";
        }
        if (t.indexOf('@') >= 0 || t.indexOf('?') >= 0 || t.indexOf('#') >= 0) {
            return "give the host name only, without user, query or fragment";
        }
        int colon = t.indexOf(':');
        if ((colon > 0 && colon == t.lastIndexOf(':')) || (t.startsWith("[") && t.contains("]:"))) {
            return "it contains a port; put the port in 'port'";
        }
        boolean wildcard = t.startsWith("*.");
        String rest = wildcard ? t.substring(2) : t;
        if (rest.indexOf('*') >= 0) {
            return "'*' is only allowed as the whole first label, as in '*.example.com'";
        }
        if (rest.indexOf(':') >= 0 || rest.startsWith("[")) {
            if (wildcard) {
                return "a wildcard cannot cover an IP address";
            }
            if (rest.indexOf('%') >= 0) {
                return "an IPv6 zone ('%...') cannot be part of a rule";
            }
            return Hosts.canonical(rest) == null ? "not a valid IPv6 address" : null;
        }
        String canonical = Hosts.canonical(rest);
        if (canonical == null) {
            return "not a valid host name (letters, digits, '-' and '.'; international names are allowed)";
        }
        String[] labels = canonical.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return "it has an empty label (two dots in a row, or a leading dot)";
            }
            if (label.length() > 63) {
                return "a label is longer than 63 characters";
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return "a label starts or ends with '-'";
            }
        }
        if (isAllDigits(labels[labels.length - 1])) {
            // by the URL standard a host ending in a number is an IPv4 address; only the plain form is accepted
            if (labels.length != 4) {
                return "neither a host name nor an IPv4 address in the form a.b.c.d";
            }
            for (String octet : labels) {
                if (!isAllDigits(octet) || octet.length() > 3 || Integer.parseInt(octet) > 255
                        || (octet.length() > 1 && octet.charAt(0) == '0')) {
                    return "not a valid IPv4 address (four numbers from 0 to 255, without leading zeros)";
                }
            }
            if (wildcard) {
                return "a wildcard cannot cover an IP address";
            }
        }
        if (wildcard && labels.length < 2) {
            return "it would cover a whole top-level domain; a wildcard needs a domain with at least two"
                    + " labels, as in '*.example.com'";
        }
        return null;
    }

    private static boolean isAllDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
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

    /** The pattern in canonical form, as rule ids and messages show it: {@code api.github.com}, {@code *.example.com}. */
    @Override
    public String toString() {
        return wildcard ? "*." + canonical : canonical.indexOf(':') >= 0 ? "[" + canonical + "]" : canonical;
    }
}
