package io.egressguard.demo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's two secrets, in one place. They are fake, but shaped like the real thing so that they
 * look and travel like real credentials. Only three things ever hold them: the launcher (which pipes
 * them into the store on standard input), the store (encrypted), and the stand-ins (which compare what
 * they receive with them). The application never does: it gets handles.
 *
 * <p>This class is never on the application's class path (see the two jars in pom.xml).
 */
public final class DemoSecrets {

    /** Store name of the OpenAI key; the application's OPENAI_API_KEY is its handle. */
    public static final String OPENAI_NAME = "openai";
    /** Store name of the GitHub token; the application's GITHUB_TOKEN is its handle. */
    public static final String GITHUB_NAME = "github";

    /** A fake OpenAI project key, shaped like one. */
    public static final String OPENAI_KEY = "sk-proj-EgDemo7fQ2kV9xL4mR8pT1wY6zB3nC5hJ0sD2gF4aK7uE9iO1qW3rT6yU8pA0s";
    /** A fake GitHub personal access token, shaped like one (ghp_ and 36 characters). */
    public static final String GITHUB_TOKEN = "ghp_EgDemo4Hq8Zt2Nw6Lk1Vb9Xc3Mf7Rj5Ys0Pd";

    public static final List<String> ALL = List.of(OPENAI_KEY, GITHUB_TOKEN);

    private DemoSecrets() {}

    /** Human label for a secret value, for logs: never the value itself. */
    public static String label(String value) {
        return value.equals(OPENAI_KEY) ? "the OpenAI key" : value.equals(GITHUB_TOKEN) ? "the GitHub token" : "a secret";
    }

    /**
     * Every form in which a secret could leave through an output: raw, base64 and base64url (at each of
     * the three byte alignments it can have inside a longer base64 text, without the edge characters
     * that depend on its neighbours), hex, URL-encoded, and the middle of the value (in case it was cut).
     * Form name to text.
     */
    public static Map<String, String> forms(String secret) {
        Map<String, String> out = new LinkedHashMap<>();
        byte[] b = secret.getBytes(StandardCharsets.UTF_8);
        out.put("raw", secret);
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + b.length];
            System.arraycopy(b, 0, shifted, shift, b.length);
            String std = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            String url = Base64.getUrlEncoder().withoutPadding().encodeToString(shifted);
            int skip = (shift * 8 + 5) / 6 + 1; // characters that also carry bits of the preceding bytes
            out.put("base64@" + shift, std.substring(skip, std.length() - 3));
            out.put("base64url@" + shift, url.substring(skip, url.length() - 3));
        }
        StringBuilder hex = new StringBuilder();
        for (byte x : b) {
            hex.append(String.format("%02x", x));
        }
        out.put("hex", hex.toString());
        out.put("HEX", hex.toString().toUpperCase(java.util.Locale.ROOT));
        out.put("url-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8));
        out.put("middle", secret.substring(6, secret.length() - 6));
        return out;
    }

    /** What of which secret {@code text} contains, e.g. "base64@1 of the GitHub token"; null if none. */
    public static String findIn(String text) {
        if (text == null) {
            return null;
        }
        for (String secret : ALL) {
            for (Map.Entry<String, String> form : forms(secret).entrySet()) {
                if (text.contains(form.getValue())) {
                    return form.getKey() + " of " + label(secret);
                }
            }
        }
        return null;
    }
}
