package io.egressguard.core.policy;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The decrypted values the engine injects. They live only inside the agent's isolated class loader;
 * nothing here is reachable from the application.
 */
public final class SecretValues {

    private final Map<String, String> values;

    public SecretValues(Map<String, byte[]> decrypted) {
        Map<String, String> m = new HashMap<>();
        for (Map.Entry<String, byte[]> e : decrypted.entrySet()) {
            m.put(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8));
        }
        this.values = m;
    }

    /** The value to inject, or {@code null} when the store has no such secret. */
    String valueOf(String name) {
        return values.get(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    @Override
    public String toString() {
        return "SecretValues" + values.keySet(); // names only, never values
    }
}
