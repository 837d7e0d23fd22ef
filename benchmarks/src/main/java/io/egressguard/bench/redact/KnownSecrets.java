package io.egressguard.bench.redact;

import io.egressguard.core.scan.EscapeDecodingMatcher;
import io.egressguard.core.scan.FastSecretMatcher;
import io.egressguard.core.scan.SecretMatcher;
import io.egressguard.core.scan.SecretForms;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A reproducible set of known secrets shaped like real API keys, and every form of each that the
 * guard searches for (raw, JSON, percent, hex, base64 cores): the baselines search for the same forms,
 * so every engine has the same work to do.
 */
final class KnownSecrets {

    private static final String[] PREFIXES = {"sk-proj-", "ghp_", "xoxb-", "AKIA", "glpat-", "tok_"};
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    final Map<String, byte[]> values = new LinkedHashMap<>();
    /** Every searched-for form of every value, longest first (so a baseline replaces the longest). */
    final List<String> forms;

    KnownSecrets(int count, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            StringBuilder v = new StringBuilder(PREFIXES[i % PREFIXES.length]);
            for (int k = 0; k < 32; k++) {
                v.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            values.put("s" + i, v.toString().getBytes(StandardCharsets.US_ASCII));
        }
        List<String> all = new ArrayList<>();
        for (byte[] value : values.values()) {
            for (SecretForms.Form f : SecretForms.of(value)) {
                if (f.text.length() >= FastSecretMatcher.MIN_FORM_LENGTH) {
                    all.add(f.text);
                }
            }
        }
        all.sort(Comparator.comparingInt(String::length).reversed());
        forms = List.copyOf(all);
    }

    /** The raw value of secret {@code i}, as text. */
    String value(int i) {
        return new String(values.get("s" + i), StandardCharsets.US_ASCII);
    }

    int size() {
        return values.size();
    }

    /** The matcher exactly as the agent builds it: exact forms, and the same behind escapes. */
    SecretMatcher matcher() {
        return new EscapeDecodingMatcher(new FastSecretMatcher(values.keySet(), values));
    }
}
