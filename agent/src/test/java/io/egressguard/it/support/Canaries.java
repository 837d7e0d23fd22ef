package io.egressguard.it.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canary secrets every test uses, and the forms they take when encoded. No output of any test,
 * child JVM, audit log or report may contain any of these forms; {@link CanaryScan} checks that
 * after the integration tests, over everything they wrote.
 */
public final class Canaries {

    /** Looks like a GitHub token, so that format detectors see it as one. */
    public static final String GITHUB = "ghp_c4naryGh7Qw2Er5Ty8Ui1Op3AsDf6GhJk9LzX";
    /** Looks like an OpenAI key. */
    public static final String OPENAI = "sk-c4naryOa8Nb2Vc6Xz0Qp7Wr3Et5Yh9Uj1Ik4Ol";
    /** A second token of the same kind, for tests that need two secrets apart. */
    public static final String GITHUB_2 = "ghp_c4naryTw0Mn3Bv6Cx9Za2Sd5Fg8Hj1Kl4Qw7Er";
    /** A generic internal API token. */
    public static final String INTERNAL = "int-c4nary-9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c";

    public static final List<String> ALL = List.of(GITHUB, OPENAI, GITHUB_2, INTERNAL);

    private Canaries() {}

    /** Every searchable form of every canary: encoding name to text. */
    public static Map<String, String> forms() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < ALL.size(); i++) {
            for (Map.Entry<String, String> e : forms(ALL.get(i)).entrySet()) {
                out.put(e.getKey() + " form of canary #" + (i + 1), e.getValue());
            }
        }
        return out;
    }

    public static Map<String, String> forms(String canary) {
        Map<String, String> out = new LinkedHashMap<>();
        byte[] b = canary.getBytes(StandardCharsets.UTF_8);
        out.put("raw", canary);
        // base64 of the value at each of the three alignments it can have inside a longer base64 run
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + b.length];
            System.arraycopy(b, 0, shifted, shift, b.length);
            for (boolean url : new boolean[] {false, true}) {
                String enc = (url ? Base64.getUrlEncoder() : Base64.getEncoder()).withoutPadding().encodeToString(shifted);
                int skip = (shift * 8 + 5) / 6 + 1;           // characters touched by the shifted-in bytes
                String core = enc.substring(skip, enc.length() - 3);
                out.put((url ? "base64url" : "base64") + "@" + shift, core);
            }
        }
        StringBuilder hex = new StringBuilder();
        for (byte x : b) {
            hex.append(String.format("%02x", x));
        }
        out.put("hex", hex.toString());
        out.put("HEX", hex.toString().toUpperCase());
        out.put("reversed", new StringBuilder(canary).reverse().toString());
        // the distinctive middle, in case a value is cut or wrapped
        out.put("middle", canary.substring(4, canary.length() - 4));
        return out;
    }

    /** The first canary form found in {@code text}, or null. */
    public static String findIn(String text) {
        if (text == null) {
            return null;
        }
        for (Map.Entry<String, String> e : forms().entrySet()) {
            if (text.contains(e.getValue())) {
                return e.getKey();
            }
        }
        return null;
    }

    public static List<String> allFormsFlat() {
        return new ArrayList<>(forms().values());
    }
}
