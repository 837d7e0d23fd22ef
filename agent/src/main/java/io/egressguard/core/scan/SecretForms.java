package io.egressguard.core.scan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every form a secret value takes on its way out of a program, each as the exact text to look for:
 * raw; JSON-escaped (with and without {@code \/}, with {@code \}{@code uXXXX} for non-ASCII);
 * percent-encoded (upper- and lower-case hex); hex (both cases); and base64, standard and URL-safe, at
 * each of the three alignments the value can have inside a longer base64 run (as in a {@code Basic}
 * header of {@code user:secret}). For base64 only the characters that depend on the secret alone are
 * kept, so a match proves the secret is there whatever surrounds it.
 */
public final class SecretForms {

    /** One form of one secret. */
    public static final class Form {
        public final String encoding;
        public final String text;
        /** A base64 core: redact the whole base64 run it sits in, not just the core. */
        public final boolean base64Core;

        Form(String encoding, String text, boolean base64Core) {
            this.encoding = encoding;
            this.text = text;
            this.base64Core = base64Core;
        }
    }

    private SecretForms() {}

    public static List<Form> of(byte[] value) {
        List<Form> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String raw = new String(value, StandardCharsets.UTF_8);
        add(out, seen, "raw", raw, false);
        add(out, seen, "json", json(raw, false, false, false), false);
        add(out, seen, "json", json(raw, true, false, false), false);
        add(out, seen, "json", json(raw, false, true, false), false);
        add(out, seen, "json", json(raw, false, true, true), false);
        add(out, seen, "json", json(raw, true, true, false), false);
        add(out, seen, "percent", percent(value, true), false);
        add(out, seen, "percent", percent(value, false), false);
        add(out, seen, "hex", hex(value, false), false);
        add(out, seen, "hex", hex(value, true), false);
        for (int shift = 0; shift < 3; shift++) {
            add(out, seen, "base64", base64Core(value, shift, false), true);
            add(out, seen, "base64url", base64Core(value, shift, true), true);
        }
        // a secret with quotes, backslashes or line breaks inside a JSON document that is then base64-encoded
        // (a Kubernetes secret, a Docker config, a JWT payload) is base64 of its escaped form, not of itself
        String escaped = json(raw, false, false, false);
        if (!escaped.equals(raw)) {
            byte[] e = escaped.getBytes(StandardCharsets.UTF_8);
            for (int shift = 0; shift < 3; shift++) {
                add(out, seen, "base64-json", base64Core(e, shift, false), true);
                add(out, seen, "base64url-json", base64Core(e, shift, true), true);
            }
        }
        return out;
    }

    private static void add(List<Form> out, Set<String> seen, String encoding, String text, boolean core) {
        if (text != null && !text.isEmpty() && seen.add(text)) {
            out.add(new Form(encoding, text, core));
        }
    }

    static String json(String s, boolean escapeSlash, boolean escapeNonAscii, boolean upperHex) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                case '/':
                    sb.append(escapeSlash ? "\\/" : "/");
                    break;
                default:
                    if (c < 0x20 || (escapeNonAscii && c > 0x7e)) {
                        String h = String.format(upperHex ? "%04X" : "%04x", (int) c);
                        sb.append("\\u").append(h);
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.toString();
    }

    static String percent(byte[] value, boolean upper) {
        StringBuilder sb = new StringBuilder(value.length * 3);
        char[] digits = (upper ? "0123456789ABCDEF" : "0123456789abcdef").toCharArray();
        for (byte b : value) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(digits[c >> 4]).append(digits[c & 15]);
            }
        }
        return sb.toString();
    }

    static String hex(byte[] value, boolean upper) {
        char[] digits = (upper ? "0123456789ABCDEF" : "0123456789abcdef").toCharArray();
        StringBuilder sb = new StringBuilder(value.length * 2);
        for (byte b : value) {
            sb.append(digits[(b >> 4) & 15]).append(digits[b & 15]);
        }
        return sb.toString();
    }

    /**
     * The base64 characters determined by the value alone when it starts {@code shift} bytes into a
     * 3-byte group: the first characters mix in the preceding bytes and the last one the following.
     */
    static String base64Core(byte[] value, int shift, boolean url) {
        byte[] shifted = new byte[shift + value.length];
        System.arraycopy(value, 0, shifted, shift, value.length);
        String enc = (url ? Base64.getUrlEncoder() : Base64.getEncoder()).withoutPadding().encodeToString(shifted);
        int first = (shift * 8 + 5) / 6;                  // characters touched by the bytes before
        int n = shifted.length;
        int end = n % 3 == 0 ? enc.length() : enc.length() - 1; // a last partial character mixes in what follows
        return first < end ? enc.substring(first, end) : null;
    }

    /** Whether a character belongs to a base64 run (either alphabet, with padding). */
    public static boolean isBase64Char(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '+' || c == '/' || c == '-' || c == '_' || c == '=';
    }
}
