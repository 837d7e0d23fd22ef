package io.egressguard.core;

import io.egressguard.core.policy.SecretValues;
import io.egressguard.core.scan.FastSecretMatcher;
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
 * Built at start and again whenever the store changes; never holds more decrypted copies than needed.
 */
final class KnownSecrets {

    final SecretValues values;
    final SecretMatcher matcher;
    final int count;

    private KnownSecrets(SecretValues values, SecretMatcher matcher, int count) {
        this.values = values;
        this.matcher = matcher;
        this.count = count;
    }

    /**
     * Decrypts every entry of {@code store}. Every value is searched for, not only those with rules: a
     * secret without a rule may go nowhere. Handles are recognised for the store's names and for
     * {@code ruleNames}. Values too short to search for are reported once per name in {@code warnedShort}.
     */
    static KnownSecrets load(SecretStore store, Set<String> ruleNames, Reporter reporter, Set<String> warnedShort)
            throws StoreException {
        Map<String, byte[]> decrypted = new HashMap<>();
        try {
            for (String name : store.names()) {
                decrypted.put(name, store.decrypt(name));
            }
            Map<String, byte[]> searchable = new HashMap<>();
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
            SecretMatcher matcher = new FastSecretMatcher(names, searchable);
            return new KnownSecrets(new SecretValues(decrypted), matcher, decrypted.size());
        } finally {
            for (byte[] v : decrypted.values()) {
                Arrays.fill(v, (byte) 0);
            }
        }
    }
}
