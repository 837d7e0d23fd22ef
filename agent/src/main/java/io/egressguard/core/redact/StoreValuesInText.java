package io.egressguard.core.redact;

import io.egressguard.core.scan.EscapeDecodingMatcher;
import io.egressguard.core.scan.FastSecretMatcher;
import io.egressguard.core.scan.Match;
import io.egressguard.core.scan.SecretMatcher;
import io.egressguard.core.store.SecretStore;
import io.egressguard.core.store.StoreException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Takes the store's values out of a message about a user's file (a rule-file error quoting a value someone
 * pasted there by mistake) before it is printed. Used where no running guard exists yet: the CLI, and the
 * agent's start-up failure line.
 */
public final class StoreValuesInText {

    private StoreValuesInText() {}

    /** {@code text} with every value of {@code store} (in any form) replaced by {@code [REDACTED:name]}. */
    public static String redact(SecretStore store, String text) {
        if (store == null || text == null) {
            return text;
        }
        Map<String, byte[]> values = new HashMap<>();
        try {
            for (String name : store.names()) {
                byte[] v = store.decrypt(name);
                if (v.length >= SecretStore.MIN_DETECTABLE_LENGTH) {
                    values.put(name, v);
                }
            }
            SecretMatcher m = new EscapeDecodingMatcher(new FastSecretMatcher(values.keySet(), values));
            StringBuilder out = new StringBuilder(text.length());
            int copied = 0;
            for (Match found = m.find(text, 0); found != null; found = m.find(text, found.end())) {
                if (found.kind() == Match.Kind.SECRET) {
                    out.append(text, copied, found.start()).append("[REDACTED:").append(found.secret()).append(']');
                    copied = found.end();
                }
            }
            return out.append(text, copied, text.length()).toString();
        } catch (StoreException e) {
            return text; // the message then comes from the store's own failure, which holds no value
        } finally {
            for (byte[] v : values.values()) {
                Arrays.fill(v, (byte) 0);
            }
        }
    }
}
