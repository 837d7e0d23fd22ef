package io.egressguard.core.scan;

/**
 * Finds secrets written with escapes no encoder would choose but every decoder undoes: a percent-escape
 * of an ordinary character ({@code ghp_%43ANARY...}, which a server reads as {@code ghp_CANARY...}), a
 * JSON {@code \\u0043} or {@code \/} anywhere in the value, or any mix of them. The exact forms a secret
 * takes when properly encoded are found by the wrapped matcher; where a text holds such escapes, it is
 * also searched in a decoded view, and what is found there is reported at the span of the original text
 * it came from, so redaction replaces the escaped text whole.
 *
 * <p>Text without a {@code %XX}, {@code \\uXXXX} or {@code \/} costs one extra look at each character.
 */
public final class EscapeDecodingMatcher implements SecretMatcher {

    /** The longest an escaped character gets: {@code \\u0041} is six characters for one. */
    private static final int WIDEST_ESCAPE = 6;

    private final SecretMatcher exact;

    public EscapeDecodingMatcher(SecretMatcher exact) {
        this.exact = exact;
    }

    @Override
    public Match find(CharSequence text, int from) {
        Match direct = exact.find(text, from);
        int n = text.length();
        if (firstEscape(text, from, n) < 0) {
            return direct;
        }
        return earlier(direct, findDecoded(text, from, n, from));
    }

    @Override
    public Match find(byte[] bytes, int offset, int length, int from) {
        Match direct = exact.find(bytes, offset, length, from);
        int end = offset + length;
        CharSequence view = new SimpleSecretMatcher.Latin1View(bytes, 0, end);
        if (firstEscape(view, from, end) < 0) {
            return direct;
        }
        return earlier(direct, findDecoded(view, from, end, from));
    }

    @Override
    public int maxMatchLength() {
        return exact.maxMatchLength() * WIDEST_ESCAPE;
    }

    @Override
    public int possibleMatchPrefix(byte[] bytes, int offset, int length) {
        return exact.possibleMatchPrefix(bytes, offset, length);
    }

    private static Match earlier(Match a, Match b) {
        if (a == null) {
            return b;
        }
        if (b == null || a.start() <= b.start()) {
            return a;
        }
        return b;
    }

    /** Decodes {@code text[from, end)}, searches it, and maps the first match back to the original span. */
    private Match findDecoded(CharSequence text, int from, int end, int notBefore) {
        StringBuilder decoded = new StringBuilder(end - from);
        int[] origin = new int[end - from + 1]; // original index where each decoded character starts
        int i = from;
        while (i < end) {
            int len = escapeLength(text, i, end);
            origin[decoded.length()] = i;
            if (len == 0) {
                decoded.append(text.charAt(i));
                i++;
            } else {
                decoded.append(decode(text, i, len));
                i += len;
            }
        }
        origin[decoded.length()] = end;
        Match m = exact.find(decoded, 0);
        while (m != null) {
            int start = origin[m.start()];
            if (start >= notBefore) {
                return new Match(m.kind(), m.secret(), m.encoding() + "+escaped", start, origin[m.end()]);
            }
            m = exact.find(decoded, m.end());
        }
        return null;
    }

    private static int firstEscape(CharSequence text, int from, int end) {
        for (int i = from; i < end; i++) {
            char c = text.charAt(i);
            if ((c == '%' || c == '\\') && escapeLength(text, i, end) > 0) {
                return i;
            }
        }
        return -1;
    }

    /** Length of the escape starting at {@code i} ({@code %XX}: 3, {@code \\uXXXX}: 6, {@code \/}: 2), or 0. */
    private static int escapeLength(CharSequence t, int i, int end) {
        char c = t.charAt(i);
        if (c == '%' && i + 2 < end && hex(t.charAt(i + 1)) >= 0 && hex(t.charAt(i + 2)) >= 0) {
            return 3;
        }
        if (c == '\\' && i + 1 < end) {
            char d = t.charAt(i + 1);
            if (d == '/') {
                return 2;
            }
            if (d == 'u' && i + 5 < end && hex(t.charAt(i + 2)) >= 0 && hex(t.charAt(i + 3)) >= 0
                    && hex(t.charAt(i + 4)) >= 0 && hex(t.charAt(i + 5)) >= 0) {
                return 6;
            }
        }
        return 0;
    }

    private static char decode(CharSequence t, int i, int len) {
        if (len == 3) {
            return (char) (hex(t.charAt(i + 1)) * 16 + hex(t.charAt(i + 2)));
        }
        if (len == 2) {
            return '/';
        }
        return (char) ((hex(t.charAt(i + 2)) << 12) | (hex(t.charAt(i + 3)) << 8) | (hex(t.charAt(i + 4)) << 4)
                | hex(t.charAt(i + 5)));
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
