package io.egressguard.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encrypted store: values round-trip, nothing moved or swapped in the file decrypts, a wrong or
 * exposed key file is refused with a message that says what to do, and no failed command ever
 * changes the files.
 */
class SecretStoreTest {

    private static final String GITHUB = "ghp_unitTestValue0123456789abcdefABCDEF";
    private static final String OPENAI = "sk-unitTestValue0123456789abcdefABCDEF";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path store;
    private Path keyset;

    @BeforeEach
    void setUp() {
        store = dir.resolve("store.json");
        keyset = dir.resolve("keyset.json");
    }

    private SecretStore initWithTwoSecrets() throws StoreException {
        SecretStore s = SecretStore.init(store, keyset);
        s.put("github", bytes(GITHUB));
        s.put("openai", bytes(OPENAI));
        return s;
    }

    // ---- init ----------------------------------------------------------------------------------------

    @Test
    void initCreatesOwnerOnlyFiles() throws Exception {
        SecretStore.init(store, keyset);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset)));
        assertTrue(SecretStore.open(store, keyset).names().isEmpty());
        assertNotNull(SecretStore.open(store, keyset).auditKey(), "every new store has an audit key");
    }

    @Test
    void initRefusesToOverwriteAStoreOrAKeyFile() throws Exception {
        initWithTwoSecrets();
        byte[] storeBefore = Files.readAllBytes(store);
        byte[] keysetBefore = Files.readAllBytes(keyset);

        StoreException e = assertThrows(StoreException.class, () -> SecretStore.init(store, keyset));
        assertTrue(e.getMessage().contains("a store already exists here"), e.getMessage());

        Path otherStore = dir.resolve("other.json");
        StoreException k = assertThrows(StoreException.class, () -> SecretStore.init(otherStore, keyset));
        assertTrue(k.getMessage().contains("a key file already exists here") && k.getMessage().contains("--keyset"),
                k.getMessage());
        assertFalse(Files.exists(otherStore));

        assertArrayEquals(storeBefore, Files.readAllBytes(store));
        assertArrayEquals(keysetBefore, Files.readAllBytes(keyset));
        assertEquals(GITHUB, text(SecretStore.open(store, keyset).decrypt("github")));
    }

    // ---- put, list, rm -------------------------------------------------------------------------------

    @Test
    void putListDecryptRemove() throws Exception {
        initWithTwoSecrets();
        SecretStore s = SecretStore.open(store, keyset);
        assertEquals(List.of("github", "openai"), new ArrayList<>(s.names()));
        assertEquals(GITHUB, text(s.decrypt("github")));
        assertEquals(OPENAI, text(s.decrypt("openai")));
        SecretStore.EntryInfo info = s.list().get(0);
        assertEquals("github", info.name);
        assertEquals(GITHUB.length(), info.length);
        assertEquals(info.created, info.updated);

        assertTrue(s.remove("openai"));
        assertFalse(s.remove("openai"), "removing twice says it was not there");
        assertEquals(Set.of("github"), SecretStore.open(store, keyset).names(), "the removal is on disk");
    }

    @Test
    void putAllStoresEverySecretOrNoneOfThem() throws Exception {
        initWithTwoSecrets();
        SecretStore s = SecretStore.open(store, keyset);
        java.util.Map<String, byte[]> many = new java.util.TreeMap<>();
        for (int i = 0; i < 50; i++) {
            many.put("bulk-" + i, bytes("bulkValue-" + i + "-0123456789abcdef"));
        }
        s.putAll(many);
        SecretStore reopened = SecretStore.open(store, keyset);
        assertEquals(52, reopened.names().size());
        assertEquals("bulkValue-49-0123456789abcdef", text(reopened.decrypt("bulk-49")));
        assertEquals(GITHUB, text(reopened.decrypt("github")), "the secrets already there are kept");

        java.util.Map<String, byte[]> oneBad = new java.util.TreeMap<>();
        oneBad.put("fine", bytes("fineValue-0123456789"));
        oneBad.put("Not A Name", bytes("otherValue-0123456789"));
        assertThrows(StoreException.class, () -> reopened.putAll(oneBad));
        assertFalse(SecretStore.open(store, keyset).contains("fine"), "nothing of a failed import is written");
        assertFalse(reopened.contains("fine"), "nor kept in memory");
    }

    @Test
    void putReplacesTheValueAndKeepsTheCreationDate() throws Exception {
        initWithTwoSecrets();
        SecretStore.EntryInfo before = SecretStore.open(store, keyset).list().get(0);
        Thread.sleep(5);
        SecretStore.open(store, keyset).put("github", bytes("ghp_replacedValue_0123456789"));
        SecretStore s = SecretStore.open(store, keyset);
        SecretStore.EntryInfo after = s.list().get(0);
        assertEquals(before.created, after.created);
        assertTrue(after.updated.isAfter(before.updated));
        assertEquals("ghp_replacedValue_0123456789", text(s.decrypt("github")));
    }

    @Test
    void theStoreFileHoldsNoValueInAnyReadableForm() throws Exception {
        initWithTwoSecrets();
        String file = Files.readString(store);
        assertFalse(file.contains(GITHUB) || file.contains(OPENAI));
        assertFalse(file.contains(java.util.Base64.getEncoder().encodeToString(bytes(GITHUB)).substring(0, 20)));
    }

    @Test
    void invalidNamesAndEmptyValuesAreRefused() throws Exception {
        SecretStore s = SecretStore.init(store, keyset);
        assertTrue(assertThrows(StoreException.class, () -> s.put("GitHub", bytes("x12345678"))).getMessage()
                .contains("invalid secret name"));
        assertTrue(assertThrows(StoreException.class, () -> s.put("#audit-key", bytes("x12345678"))).getMessage()
                .contains("invalid secret name"));
        assertTrue(assertThrows(StoreException.class, () -> s.put("empty", new byte[0])).getMessage()
                .contains("empty value"));
        assertTrue(SecretStore.open(store, keyset).names().isEmpty());
    }

    @Test
    void decryptingAnUnknownNameSaysHowToAddIt() throws Exception {
        SecretStore s = SecretStore.init(store, keyset);
        String m = assertThrows(StoreException.class, () -> s.decrypt("nope")).getMessage();
        assertTrue(m.contains("no secret named 'nope'") && m.contains("store put nope --stdin"), m);
    }

    // ---- tampering -----------------------------------------------------------------------------------

    @Test
    void swappingTwoEntriesCiphertextsMakesBothFailToDecrypt() throws Exception {
        initWithTwoSecrets();
        ObjectNode root = (ObjectNode) JSON.readTree(store.toFile());
        ObjectNode secrets = (ObjectNode) root.get("secrets");
        JsonNode a = secrets.get("github").get("ciphertext");
        JsonNode b = secrets.get("openai").get("ciphertext");
        ((ObjectNode) secrets.get("github")).set("ciphertext", b);
        ((ObjectNode) secrets.get("openai")).set("ciphertext", a);
        JSON.writeValue(store.toFile(), root);

        SecretStore s = SecretStore.open(store, keyset);
        for (String name : List.of("github", "openai")) {
            StoreException e = assertThrows(StoreException.class, () -> s.decrypt(name));
            assertTrue(e.getMessage().contains("secret '" + name + "' cannot be decrypted"), e.getMessage());
            assertTrue(e.getMessage().contains("edited, moved or copied from another store"), e.getMessage());
            assertNoValueIn(e.getMessage());
        }
    }

    @Test
    void anEntryCopiedFromAnotherStoreFailsToDecrypt() throws Exception {
        initWithTwoSecrets();
        Path second = dir.resolve("second.json");
        SecretStore.init(second, dir.resolve("second-keyset.json")).put("github", bytes("ghp_fromTheSecondStore_0123456789"));
        JsonNode foreign = JSON.readTree(second.toFile()).get("secrets").get("github");
        ObjectNode root = (ObjectNode) JSON.readTree(store.toFile());
        ((ObjectNode) root.get("secrets")).set("github", foreign);
        JSON.writeValue(store.toFile(), root);

        SecretStore s = SecretStore.open(store, keyset);
        StoreException e = assertThrows(StoreException.class, () -> s.decrypt("github"));
        assertTrue(e.getMessage().contains("secret 'github' cannot be decrypted"), e.getMessage());
        assertEquals(OPENAI, text(s.decrypt("openai")), "the other entries still work");
    }

    @Test
    void sameKeyButAnotherStoreIdFailsToDecrypt() throws Exception {
        initWithTwoSecrets();
        ObjectNode root = (ObjectNode) JSON.readTree(store.toFile());
        root.put("storeId", "st-someOtherStoreId00");
        JSON.writeValue(store.toFile(), root);
        StoreException e = assertThrows(StoreException.class, () -> SecretStore.open(store, keyset));
        assertTrue(e.getMessage().contains("does not open the store"), e.getMessage());
    }

    @Test
    void aWrongKeyFileIsRefusedWhenTheStoreIsOpened() throws Exception {
        initWithTwoSecrets();
        Path otherKeyset = dir.resolve("elsewhere").resolve("keyset.json");
        SecretStore.init(dir.resolve("elsewhere").resolve("store.json"), otherKeyset);
        StoreException e = assertThrows(StoreException.class, () -> SecretStore.open(store, otherKeyset));
        assertTrue(e.getMessage().startsWith(otherKeyset + ": this key file does not open the store " + store),
                e.getMessage());
        assertTrue(e.getMessage().contains("--keyset PATH") && e.getMessage().contains("keyset=PATH"), e.getMessage());
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedWithTheCommandToFixIt() throws Exception {
        initWithTwoSecrets();
        for (String mode : List.of("rw-r--r--", "rw-rw----", "rw----r--", "rw-----w-", "rw-------")) {
            Files.setPosixFilePermissions(keyset, PosixFilePermissions.fromString(mode));
            if (mode.equals("rw-------")) {
                assertEquals(Set.of("github", "openai"), SecretStore.open(store, keyset).names());
                continue;
            }
            StoreException e = assertThrows(StoreException.class, () -> SecretStore.open(store, keyset), mode);
            assertTrue(e.getMessage().contains("accessible to other users (" + mode + ")"), e.getMessage());
            assertTrue(e.getMessage().contains("chmod 600 " + keyset), e.getMessage());
        }
    }

    @Test
    void aDamagedKeyFileIsReportedAsSuch() throws Exception {
        initWithTwoSecrets();
        Files.writeString(keyset, "{\"primaryKeyId\": 1, \"key\": []}");
        String m = assertThrows(StoreException.class, () -> SecretStore.open(store, keyset)).getMessage();
        assertTrue(m.startsWith(keyset + ": "), m);
        assertTrue(m.contains("restore it from a backup") || m.contains("no usable"), m);
    }

    @Test
    void missingFilesSayWhatToDo() throws Exception {
        String noStore = assertThrows(StoreException.class, () -> SecretStore.open(store, keyset)).getMessage();
        assertTrue(noStore.contains("no store here") && noStore.contains("store init"), noStore);
        SecretStore.init(store, keyset);
        Files.delete(keyset);
        String noKey = assertThrows(StoreException.class, () -> SecretStore.open(store, keyset)).getMessage();
        assertTrue(noKey.contains("key file not found") && noKey.contains("--keyset PATH"), noKey);
    }

    @Test
    void corruptOrTruncatedStoreIsReportedAndAFailedCommandDoesNotOverwriteIt() throws Exception {
        initWithTwoSecrets();
        byte[] good = Files.readAllBytes(store);
        List<byte[]> damaged = List.of(
                java.util.Arrays.copyOf(good, good.length / 2),                 // truncated
                new byte[0],                                                     // emptied
                "not json at all".getBytes(StandardCharsets.UTF_8),
                "{\"format\":\"something-else\"}".getBytes(StandardCharsets.UTF_8),
                new String(good, StandardCharsets.UTF_8).replace("\"version\" : 1", "\"version\" : 7")
                        .getBytes(StandardCharsets.UTF_8),
                new String(good, StandardCharsets.UTF_8).replaceFirst("\"created\" : \"[^\"]+\"", "\"created\" : \"yesterday\"")
                        .getBytes(StandardCharsets.UTF_8));
        for (byte[] bad : damaged) {
            Files.write(store, bad);
            StoreException e = assertThrows(StoreException.class, () -> SecretStore.open(store, keyset));
            assertTrue(e.getMessage().startsWith(store.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("damaged") || e.getMessage().contains("not supported")
                    || e.getMessage().contains("not an Egress Guard store"), e.getMessage());
            assertThrows(StoreException.class, () -> SecretStore.withLock(store, () -> {
                SecretStore.open(store, keyset).put("new", bytes("x1234567890"));
                return null;
            }));
            assertArrayEquals(bad, Files.readAllBytes(store), "a failed command leaves the file as it was");
        }
    }

    // ---- rotation ------------------------------------------------------------------------------------

    @Test
    void rotateKeyAddsANewPrimaryDisablesTheOldAndKeepsEverythingReadable() throws Exception {
        SecretStore s = initWithTwoSecrets();
        byte[] auditKey = s.auditKey();
        JsonNode before = JSON.readTree(keyset.toFile());
        long oldPrimary = before.get("primaryKeyId").asLong();
        String ciphertextBefore = JSON.readTree(store.toFile()).get("secrets").get("github").get("ciphertext").asText();

        SecretStore.open(store, keyset).rotateKey();

        JsonNode after = JSON.readTree(keyset.toFile());
        long newPrimary = after.get("primaryKeyId").asLong();
        assertNotEquals(oldPrimary, newPrimary);
        assertEquals(2, after.get("key").size());
        for (JsonNode k : after.get("key")) {
            String expected = k.get("keyId").asLong() == newPrimary ? "ENABLED" : "DISABLED";
            assertEquals(expected, k.get("status").asText(), k.toString());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset)));
        String ciphertextAfter = JSON.readTree(store.toFile()).get("secrets").get("github").get("ciphertext").asText();
        assertNotEquals(ciphertextBefore, ciphertextAfter, "re-encrypted");

        SecretStore reopened = SecretStore.open(store, keyset);
        assertEquals(GITHUB, text(reopened.decrypt("github")));
        assertEquals(OPENAI, text(reopened.decrypt("openai")));
        assertArrayEquals(auditKey, reopened.auditKey(), "the audit log written before rotation still verifies");

        reopened.rotateKey();
        assertEquals(GITHUB, text(SecretStore.open(store, keyset).decrypt("github")), "rotating twice is fine");
        assertEquals(3, JSON.readTree(keyset.toFile()).get("key").size());
    }

    @Test
    void theOldKeyFileCannotReadTheStoreAfterRotation() throws Exception {
        initWithTwoSecrets();
        Path oldKeyset = dir.resolve("old-keyset.json");
        Files.copy(keyset, oldKeyset);
        SecretStore.open(store, keyset).rotateKey();
        assertThrows(StoreException.class, () -> SecretStore.open(store, oldKeyset).decrypt("github"));
    }

    // ---- atomic writes and locking -------------------------------------------------------------------

    @Test
    void theLockFileIsOwnerOnlyLikeEverythingElse() throws Exception {
        SecretStore.withLock(store, () -> SecretStore.init(store, keyset));
        Path lock = dir.resolve(".store.json.lock");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lock)));
    }

    @Test
    void writesLeaveNoTemporaryFiles() throws Exception {
        SecretStore s = initWithTwoSecrets();
        s.put("third", bytes("third-value-0123456789"));
        s.remove("third");
        s.rotateKey();
        Set<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(Set.of("store.json", "keyset.json")), files);
    }

    @Test
    void concurrentPutsUnderTheLockLoseNothing() throws Exception {
        SecretStore.init(store, keyset);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        String name = "t" + thread + "-" + i;
                        SecretStore.withLock(store, () -> {
                            SecretStore.open(store, keyset).put(name, bytes("value-of-" + name));
                            return null;
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20, SecretStore.open(store, keyset).names().size());
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void assertNoValueIn(String text) {
        assertFalse(text.contains(GITHUB) || text.contains(OPENAI), text);
    }
}
