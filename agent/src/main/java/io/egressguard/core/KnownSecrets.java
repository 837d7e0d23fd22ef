package io.egressguard.core;

import io.egressguard.core.policy.SecretValues;
import io.egressguard.core.scan.EscapeDecodingMatcher;
import io.egressguard.core.scan.FastSecretMatcher;
import io.egressguard.core.scan.Match;
import io.egressguard.core.scan.SecretMatcher;
import io.egressguard.core.store.SecretStore;
import io.egressguard.core.store.StoreException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The store's secrets as the guard uses them at one moment: the values to inject, and the matcher that
 * finds any of them (and any handle) in outgoing requests and in text bound for logs, traces and prompts.
 * Built at start and again whenever the store changes.
 *
 * <p>A value that was replaced or removed while the application ran stays known as a <em>retired</em>
 * value of its secret for the rest of the JVM's life: it may still be valid at the provider, and may
 * already sit in a prompt or a log buffer. It is never injected again, but it is still blocked and
 * redacted under the secret's name.
 */
final class KnownSecrets {

    /** Separates a secret's name from the number of one of its retired values inside the matcher. */
    private static final char RETIRED = '\u0000';

    final SecretValues values;
    final SecretMatcher matcher;
    final int count;
    /** Current values by name, kept to notice which ones a reload retires. */
    private final Map<String, byte[]> current;
    private final Map<String, byte[]> retired;

    private KnownSecrets(SecretValues values, SecretMatcher matcher, int count, Map<String, byte[]> current,
            Map<String, byte[]> retired) {
        this.values = values;
        this.matcher = matcher;
        this.count = count;
        this.current = current;
        this.retired = retired;
    }

    /**
     * Decrypts every entry of {@code store}. Every value is searched for, not only those with rules: a
     * secret without a rule may go nowhere. Handles are recognised for the store's names and for
     * {@code ruleNames}. Values too short to search for are reported once per name in {@code warnedShort}.
     * {@code before} (may be null) is what was known until now: its values that are gone are retired.
     */
    static KnownSecrets load(SecretStore store, Set<String> ruleNames, Reporter reporter, Set<String> warnedShort,
            KnownSecrets before) throws StoreException {
        Map<String, byte[]> decrypted = new HashMap<>();
        for (String name : store.names()) {
            decrypted.put(name, store.decrypt(name));
        }
        Map<String, byte[]> retired = new HashMap<>(before == null ? Map.of() : before.retired);
        if (before != null) {
            before.current.forEach((name, old) -> {
                byte[] now = decrypted.get(name);
                if ((now == null || !Arrays.equals(now, old)) && old.length >= SecretStore.MIN_DETECTABLE_LENGTH) {
                    retired.put(name + RETIRED + retired.size(), old);
                }
            });
        }
        Map<String, byte[]> searchable = new HashMap<>(retired);
        decrypted.forEach((name, value) -> {
            if (value.length >= SecretStore.MIN_DETECTABLE_LENGTH) {
                searchable.put(name, value);
            } else if (warnedShort.add(name)) {
                reporter.warn("secret '" + name + "' is shorter than " + SecretStore.MIN_DETECTABLE_LENGTH
                        + " bytes; it is injected, but it is not searched for in outgoing requests (too likely to"
                        + " match ordinary text)");
            }
        });
        Set<String> names = new LinkedHashSet<>(store.names());
        names.addAll(ruleNames);
        // exact forms, and the same behind escapes a decoder undoes (ghp_%43..., \\u0043...)
        SecretMatcher matcher = new EscapeDecodingMatcher(new RetiredAsTheirSecret(new FastSecretMatcher(names, searchable)));
        return new KnownSecrets(new SecretValues(decrypted), matcher, decrypted.size(), decrypted, retired);
    }

    /** Reports a retired value's match under its secret's name. */
    private static final class RetiredAsTheirSecret implements SecretMatcher {
        private final SecretMatcher inner;

        RetiredAsTheirSecret(SecretMatcher inner) {
            this.inner = inner;
        }

        @Override
        public Match find(CharSequence text, int from) {
            return named(inner.find(text, from));
        }

        @Override
        public Match find(byte[] bytes, int offset, int length, int from) {
            return named(inner.find(bytes, offset, length, from));
        }

        @Override
        public int maxMatchLength() {
            return inner.maxMatchLength();
        }

        @Override
        public int possibleMatchPrefix(byte[] bytes, int offset, int length) {
            return inner.possibleMatchPrefix(bytes, offset, length);
        }

        private static Match named(Match m) {
            if (m == null || m.secret().indexOf(RETIRED) < 0) {
                return m;
            }
            return new Match(m.kind(), m.secret().substring(0, m.secret().indexOf(RETIRED)), m.encoding(), m.start(),
                    m.end());
        }
    }
}
