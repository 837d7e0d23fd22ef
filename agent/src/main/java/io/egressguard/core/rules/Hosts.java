package io.egressguard.core.rules;

import java.net.IDN;
import java.util.Locale;

/**
 * Canonical host names, so that a rule for {@code api.example.com} also covers {@code API.Example.COM.}
 * and an IDN host matches its punycode form: lower case, no trailing dot, IDN as ASCII, IPv6 without
 * brackets and in compressed form.
 */
public final class Hosts {

    private Hosts() {}

    /** The canonical form, or {@code null} when the text is not a valid host. */
    public static String canonical(String host) {
        if (host == null) {
            return null;
        }
        String h = host;
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) {
            return Ipv6.canonical(h);
        }
        if (isAlreadyCanonical(h)) {
            return h; // the common case: no allocation
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty()) {
            return null;
        }
        try {
            h = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return null;
        }
        h = h.toLowerCase(Locale.ROOT);
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-' && c != '.' && c != '_') {
                return null;
            }
        }
        return h;
    }

    private static boolean isAlreadyCanonical(String h) {
        int n = h.length();
        if (n == 0 || h.charAt(n - 1) == '.') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = h.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-' && c != '.' && c != '_') {
                return false;
            }
        }
        // "xn--" labels are already ASCII; anything else with only these characters is canonical.
        return true;
    }

    public static boolean isIpLiteral(String canonical) {
        if (canonical.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        for (int i = 0; i < canonical.length(); i++) {
            char c = canonical.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }

    /** IPv6 literals in one canonical text form (RFC 5952 style), without resolving anything. */
    static final class Ipv6 {
        private Ipv6() {}

        static String canonical(String text) {
            String t = text;
            int zone = t.indexOf('%');
            if (zone >= 0) {
                t = t.substring(0, zone);
            }
            int[] groups = new int[8];
            int doubleColon = t.indexOf("::");
            if (doubleColon >= 0 && t.indexOf("::", doubleColon + 1) >= 0) {
                return null;
            }
            String[] head;
            String[] tail;
            if (doubleColon >= 0) {
                String a = t.substring(0, doubleColon);
                String b = t.substring(doubleColon + 2);
                head = a.isEmpty() ? new String[0] : a.split(":", -1);
                tail = b.isEmpty() ? new String[0] : b.split(":", -1);
            } else {
                head = t.split(":", -1);
                tail = new String[0];
            }
            int[] headVals = parseGroups(head);
            int[] tailVals = parseGroups(tail);
            if (headVals == null || tailVals == null) {
                return null;
            }
            if (doubleColon < 0 && headVals.length != 8) {
                return null;
            }
            if (headVals.length + tailVals.length > (doubleColon >= 0 ? 7 : 8)) {
                return null;
            }
            System.arraycopy(headVals, 0, groups, 0, headVals.length);
            System.arraycopy(tailVals, 0, groups, 8 - tailVals.length, tailVals.length);
            // find the longest run of zero groups (length >= 2) to compress
            int bestStart = -1;
            int bestLen = 0;
            for (int i = 0; i < 8; ) {
                if (groups[i] == 0) {
                    int j = i;
                    while (j < 8 && groups[j] == 0) {
                        j++;
                    }
                    if (j - i > bestLen) {
                        bestStart = i;
                        bestLen = j - i;
                    }
                    i = j;
                } else {
                    i++;
                }
            }
            if (bestLen < 2) {
                bestStart = -1;
            }
            StringBuilder sb = new StringBuilder(39);
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    sb.append(i == 0 ? "::" : ":");
                    i += bestLen - 1;
                    continue;
                }
                sb.append(Integer.toHexString(groups[i]));
                if (i < 7) {
                    sb.append(':');
                }
            }
            return sb.toString();
        }

        private static int[] parseGroups(String[] parts) {
            // an embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups
            int extra = parts.length > 0 && parts[parts.length - 1].indexOf('.') >= 0 ? 1 : 0;
            int[] out = new int[parts.length + extra];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                    String[] octets = p.split("\\.", -1);
                    if (octets.length != 4) {
                        return null;
                    }
                    int v = 0;
                    for (String o : octets) {
                        if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit)) {
                            return null;
                        }
                        int b = Integer.parseInt(o);
                        if (b > 255) {
                            return null;
                        }
                        v = (v << 8) | b;
                    }
                    out[i] = (v >>> 16) & 0xffff;
                    out[i + 1] = v & 0xffff;
                    continue;
                }
                if (p.isEmpty() || p.length() > 4) {
                    return null;
                }
                try {
                    out[i] = Integer.parseInt(p, 16);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return out;
        }
    }
}
