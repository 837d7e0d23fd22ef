package io.egressguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.egressguard.core.scan.Match;
import io.egressguard.core.store.SecretStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reload of the store knows: new values at once, and old values still, though never injected. */
class KnownSecretsTest {

    private static final String V1 = "tok-first-Qz8Lm2Nx5Vb7Ck1Jh4";
    private static final String V2 = "tok-second-Wr6Tg3Yp9Ds2Fa8Ke5";

    private final Reporter quiet = new Reporter(new PrintStream(new ByteArrayOutputStream()), false);

    @Test
    void aReplacedOrRemovedValueStaysKnownUnderItsSecretsName(@TempDir Path dir) throws Exception {
        SecretStore store = SecretStore.init(dir.resolve("store.json"), dir.resolve("keyset.json"));
        store.put("api", V1.getBytes(StandardCharsets.UTF_8));
        Set<String> warned = new HashSet<>();
        KnownSecrets first = KnownSecrets.load(store, Set.of(), quiet, warned, null);
        assertNull(first.matcher.find("x " + V2, 0), "not known yet");

        store.put("api", V2.getBytes(StandardCharsets.UTF_8)); // rotated at the provider, or by mistake
        KnownSecrets second = KnownSecrets.load(store, Set.of(), quiet, warned, first);
        assertFound(second, V2);
        assertFound(second, V1);

        store.remove("api");
        KnownSecrets third = KnownSecrets.load(store, Set.of(), quiet, warned, second);
        assertFound(third, V1);
        assertFound(third, V2);
        assertEquals(0, third.count, "nothing left to inject");
    }

    private static void assertFound(KnownSecrets k, String value) {
        Match m = k.matcher.find("value " + value + " end", 0);
        assertNotNull(m, value);
        assertEquals("api", m.secret());
        assertEquals(6, m.start());
    }
}
