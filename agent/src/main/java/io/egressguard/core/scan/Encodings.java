package io.egressguard.core.scan;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The forms a secret value takes on its way out of a program: as it is, base64 (standard and URL-safe,
 * with and without padding), percent-encoded, JSON-escaped, and hex. Each form is searched for.
 */
public final class Encodings {

    private Encodings() {}

    /** Encoding name to the text of that form; forms identical to another are listed once. */
    public static Map<String, String> forms(byte[] value) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = new String(value, StandardCharsets.UTF_8);
        addIfNew(out, "raw", raw);
        String b64 = Base64.getEncoder().encodeToString(value);
        addIfNew(out, "base64", b64);
        addIfNew(out, "base64", stripPadding(b64));
        String b64url = Base64.getUrlEncoder().encodeToString(value);
        addIfNew(out, "base64url", b64url);
        addIfNew(out, "base64url", stripPadding(b64url));
        addIfNew(out, "percent", percentEncode(value));
        addIfNew(out, "json", jsonEscape(raw));
        addIfNew(out, "hex", hex(value, false));
        addIfNew(out, "hex", hex(value, true));
        return out;
    }

    private static void addIfNew(Map<String, String> out, String name, String form) {
        if (form.isEmpty() || out.containsValue(form)) {
            return;
        }
        String key = name;
        int n = 2;
        while (out.containsKey(key)) {
            key = name + "#" + n++;
        }
        out.put(key, form);
    }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return s.substring(0, end);
    }

    static String percentEncode(byte[] value) {
        StringBuilder sb = new StringBuilder(value.length * 3);
        for (byte b : value) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '/': sb.append("\\/"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
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
}
