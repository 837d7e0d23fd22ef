package io.egressguard.core.rules;

/**
 * Normalises a raw request path before it is compared with path globs: percent-escapes of unreserved
 * characters are decoded, {@code .} and {@code ..} segments are resolved, and empty segments are kept.
 * A path whose meaning depends on the server (an encoded {@code /} or {@code \}, or a dot segment with
 * parameters such as {@code ..;x}) normalises to {@code null}, which no glob but {@code /**} matches.
 */
public final class RequestPaths {

    private RequestPaths() {}

    public static String normalise(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        if (isSimple(rawPath)) {
            return rawPath; // common case: nothing to decode or resolve, no allocation
        }
        StringBuilder decoded = new StringBuilder(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '\\') {
                return null;
            }
            if (c == '%' && i + 2 < rawPath.length()) {
                int hi = Character.digit(rawPath.charAt(i + 1), 16);
                int lo = Character.digit(rawPath.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    char d = (char) (hi * 16 + lo);
                    if (d == '/' || d == '\\') {
                        return null;
                    }
                    if (isUnreserved(d)) {
                        decoded.append(d);
                        i += 2;
                        continue;
                    }
                    decoded.append('%').append(Character.toUpperCase(rawPath.charAt(i + 1)))
                            .append(Character.toUpperCase(rawPath.charAt(i + 2)));
                    i += 2;
                    continue;
                }
            }
            decoded.append(c);
        }
        String p = decoded.toString();
        if (p.isEmpty() || p.charAt(0) != '/') {
            p = "/" + p;
        }
        String[] segments = p.substring(1).split("/", -1);
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (isDotSegmentWithParameters(s)) {
                return null; // "..;x": some servers resolve it as "..", others do not
            }
            if (s.equals(".")) {
                if (last) {
                    out.addLast("");
                }
            } else if (s.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                if (last) {
                    out.addLast("");
                }
            } else {
                out.addLast(s);
            }
        }
        StringBuilder sb = new StringBuilder(p.length());
        for (String s : out) {
            sb.append('/').append(s);
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    private static boolean isDotSegmentWithParameters(String segment) {
        int end = segment.indexOf(';');
        int escaped = segment.toUpperCase(java.util.Locale.ROOT).indexOf("%3B");
        if (end < 0 || (escaped >= 0 && escaped < end)) {
            end = escaped;
        }
        if (end < 0) {
            return false;
        }
        String core = segment.substring(0, end);
        return core.equals(".") || core.equals("..");
    }

    private static boolean isSimple(String p) {
        if (p.charAt(0) != '/') {
            return false;
        }
        char prev = '/';
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '%' || c == '\\') {
                return false;
            }
            if (c == '.' && prev == '/') {
                return false; // might be a dot segment; take the slow path
            }
            prev = c;
        }
        return true;
    }

    static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
