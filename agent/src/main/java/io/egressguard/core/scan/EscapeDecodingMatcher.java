package io.egressguard.core.scan;

/**
 * Finds secrets written with escapes no encoder would choose but every decoder undoes: a percent-escape
 * of an ordinary character ({@code ghp_%43ANARY...}, which a server reads as {@code ghp_CANARY...}), a
 * JSON {@code \\u0043} or {@code \/} anywhere in the value, or any mix of them. The exact forms a secret
 * takes when properly encoded are found by the wrapped matcher; where a text holds such escapes, it is
 * also searched in a decoded view, and what is found there is reported at the span of the original text
 * it came from, so redaction replaces the escaped text whole.
 *
 * <p>Text without a {@code %XX}, {@code \\uXXXX} or {@code \/} costs a search for {@code %} and a backslash;
 * text with some costs a decoded search of the windows around them only.
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
        return earlier(direct, findEscaped(text, from, text.length(), direct));
    }

    @Override
    public Match find(byte[] bytes, int offset, int length, int from) {
        Match direct = exact.find(bytes, offset, length, from);
        int end = offset + length;
        return earlier(direct, findEscaped(new SimpleSecretMatcher.Latin1View(bytes, 0, end), Math.max(from, offset), end,
                direct));
    }

    /**
     * The first secret behind escapes in {@code text[from, end)} that would start before {@code direct}.
     * Only windows around escapes are decoded: a match holding an escape lies within
     * {@link #window()} characters of it on either side. Escapes are looked for only as far as a window
     * could still start before {@code direct}, so a caller walking a long text match by match pays
     * for each part of it a bounded number of times.
     */
    private Match findEscaped(CharSequence text, int from, int end, Match direct) {
        int w = window();
        int before = direct == null ? end : direct.start();
        int lookUntil = (int) Math.min(end, (long) before + w);
        int e = nextEscape(text, from, lookUntil);
        while (e >= 0) {
            int windowStart = Math.max(from, e - w);
            if (windowStart >= before) {
                return null; // anything found from here on starts after the exact match
            }
            // windows of escapes close together are decoded as one
            int windowEnd = (int) Math.min(end, (long) e + w);
            int next = nextEscape(text, e + 1, Math.min(end, windowEnd + w));
            while (next >= 0 && next - w <= windowEnd) {
                windowEnd = (int) Math.min(end, (long) next + w);
                next = nextEscape(text, next + 1, Math.min(end, windowEnd + w));
            }
            Match m = findDecoded(text, windowStart, windowEnd, from);
            if (m != null) {
                return m; // windows are disjoint and in order: nothing in a later one starts earlier
            }
            e = next >= 0 ? next : nextEscape(text, windowEnd, lookUntil);
        }
        return null;
    }

    /** How far from an escape a match holding it can reach: the longest form, every character escaped. */
    private int window() {
        return maxMatchLength();
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

    /** Characters of a String copied at a time for the bounded escape search. */
    private static final int CHUNK = 2048;

    private static final ThreadLocal<byte[]> CHUNK_BUFFER = ThreadLocal.withInitial(() -> new byte[CHUNK]);

    /** The position of the first escape in {@code text[from, end)}, or -1. */
    @SuppressWarnings("deprecation")
    private static int nextEscape(CharSequence text, int from, int end) {
        if (text instanceof String && text.length() - from <= 4L * (end - from) + 4096) {
            // indexOf is vectorised and most text has neither character; it reads to the end of the
            // text, which is not far off here
            String s = (String) text;
            int percent = s.indexOf('%', from);
            int backslash = s.indexOf('\\', from);
            while (true) {
                int i = percent < 0 ? backslash : backslash < 0 ? percent : Math.min(percent, backslash);
                if (i < 0 || i >= end) {
                    return -1;
                }
                if (escapeLength(s, i, s.length()) > 0) {
                    return i;
                }
                if (i == percent) {
                    percent = s.indexOf('%', i + 1);
                } else {
                    backslash = s.indexOf('\\', i + 1);
                }
            }
        }
        if (text instanceof String) {
            // Far from the end of a long text (a body walked match by match): indexOf would read to its
            // end on every call. Low bytes of the characters instead, a chunk at a time, searched eight
            // at a time up to end; a wide character whose low byte is '%' or a backslash only costs a
            // look at the real character.
            String s = (String) text;
            byte[] buf = CHUNK_BUFFER.get();
            for (int chunk = from; chunk < end; chunk += CHUNK) {
                int to = Math.min(end, chunk + CHUNK);
                s.getBytes(chunk, to, buf, 0);
                int at = 0;
                while ((at = ByteSearch.indexOfEither(buf, at, to - chunk, (byte) '%', (byte) '\\')) >= 0) {
                    int i = chunk + at;
                    char c = s.charAt(i);
                    if ((c == '%' || c == '\\') && escapeLength(s, i, s.length()) > 0) {
                        return i;
                    }
                    at++;
                }
            }
            return -1;
        }
        for (int i = from; i < end; i++) {
            char c = text.charAt(i);
            if ((c == '%' || c == '\\') && escapeLength(text, i, text.length()) > 0) {
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
