package io.egressguard.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.egressguard.core.handle.Handles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The encrypted secret store: a JSON file of entries, each encrypted with Tink AES-256-GCM, and a
 * separate key file (a Tink keyset) readable by its owner only.
 *
 * <p>Each entry is encrypted with associated data that binds it to its name and to this store's id,
 * so an entry moved to another name or copied into another store fails to decrypt instead of being
 * used for the wrong purpose. Every change is written atomically; a failed command leaves both files
 * as they were. Values are only ever returned inside the agent (this class lives in the agent's
 * isolated class loader, where the application cannot reach it).
 */
public final class SecretStore {

    static final String FORMAT = "egress-guard-store";
    static final int VERSION = 1;
    /** Not a valid secret name (it starts with '#'), so it can never clash with one. */
    private static final String AUDIT_KEY_NAME = "#audit-key";
    /** Values shorter than this cannot be told apart from ordinary text when scanning requests. */
    public static final int MIN_DETECTABLE_LENGTH = 8;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Name, dates and size of an entry; never its value. */
    public static final class EntryInfo {
        public final String name;
        public final Instant created;
        public final Instant updated;
        public final int length;

        EntryInfo(String name, Instant created, Instant updated, int length) {
            this.name = name;
            this.created = created;
            this.updated = updated;
            this.length = length;
        }
    }

    private static final class Entry {
        final byte[] ciphertext;
        final Instant created;
        final Instant updated;
        final int length;

        Entry(byte[] ciphertext, Instant created, Instant updated, int length) {
            this.ciphertext = ciphertext;
            this.created = created;
            this.updated = updated;
            this.length = length;
        }
    }

    private final Path storeFile;
    private final Path keysetFile;
    private final String storeId;
    private final Map<String, Entry> entries;
    /** The key that chains the audit log, encrypted like a secret under a name no secret can have. */
    private byte[] auditKeyCiphertext;
    private KeysetHandle keyset;
    private Aead aead;

    private SecretStore(Path storeFile, Path keysetFile, String storeId, Map<String, Entry> entries, KeysetHandle keyset)
            throws GeneralSecurityException {
        this.storeFile = storeFile;
        this.keysetFile = keysetFile;
        this.storeId = storeId;
        this.entries = entries;
        useKeyset(keyset);
    }

    private void useKeyset(KeysetHandle handle) throws GeneralSecurityException {
        this.keyset = handle;
        this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    // ---- creating and opening -------------------------------------------------------------------

    /** Creates an empty store and a new key file. Refuses to overwrite either. */
    public static SecretStore init(Path storeFile, Path keysetFile) throws StoreException {
        register();
        if (Files.exists(storeFile)) {
            throw new StoreException(storeFile + ": a store already exists here; remove it first if you really want a new one"
                    + " (every secret in it will be lost)");
        }
        if (Files.exists(keysetFile)) {
            throw new StoreException(keysetFile + ": a key file already exists here; move it away first,"
                    + " or give another path with --keyset");
        }
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            String keysetJson = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
            AtomicFiles.write(keysetFile, keysetJson.getBytes(StandardCharsets.UTF_8));
            SecretStore store = new SecretStore(storeFile, keysetFile, newStoreId(), new TreeMap<>(), handle);
            byte[] auditKey = new byte[32];
            RANDOM.nextBytes(auditKey);
            store.auditKeyCiphertext = store.aead.encrypt(auditKey, store.associatedData(AUDIT_KEY_NAME));
            java.util.Arrays.fill(auditKey, (byte) 0);
            store.save();
            return store;
        } catch (GeneralSecurityException e) {
            throw new StoreException("cannot create a key: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException(keysetFile + " or " + storeFile + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Opens an existing store and its key file, checking both thoroughly. */
    public static SecretStore open(Path storeFile, Path keysetFile) throws StoreException {
        register();
        byte[] raw;
        try {
            raw = Files.readAllBytes(storeFile);
        } catch (NoSuchFileException e) {
            throw new StoreException(storeFile + ": no store here; create one with 'egress-guard store init',"
                    + " or give the right path (--store PATH to the tool, store=PATH to the agent)");
        } catch (AccessDeniedException e) {
            throw new StoreException(storeFile + ": no permission to read the store; run as the user who owns it");
        } catch (IOException e) {
            throw new StoreException(storeFile + ": cannot read the store (" + e.getClass().getSimpleName() + ")", e);
        }
        KeysetHandle handle = readKeyset(keysetFile);
        JsonNode root;
        try {
            root = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new StoreException(storeFile + ": the store is damaged (not valid JSON"
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : "")
                    + "); restore it from a backup", e);
        } catch (IOException e) {
            throw new StoreException(storeFile + ": cannot read the store: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new StoreException(storeFile + ": this is not an Egress Guard store (or it is damaged);"
                    + " check the path, or restore it from a backup");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new StoreException(storeFile + ": store format version " + root.path("version")
                    + " is not supported by this agent (it reads version " + VERSION + ")");
        }
        String storeId = root.path("storeId").asText("");
        if (storeId.isEmpty()) {
            throw new StoreException(storeFile + ": the store has no id; it is damaged, restore it from a backup");
        }
        Map<String, Entry> entries = new TreeMap<>();
        JsonNode secrets = root.path("secrets");
        if (!secrets.isObject()) {
            throw new StoreException(storeFile + ": the store has no 'secrets' section; it is damaged");
        }
        Iterator<Map.Entry<String, JsonNode>> it = secrets.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode n = e.getValue();
            if (Handles.nameProblem(e.getKey()) != null) {
                throw new StoreException(storeFile + ": the store holds an entry with an invalid name; it was edited"
                        + " by hand or is damaged; restore it from a backup");
            }
            try {
                byte[] ct = Base64.getDecoder().decode(n.path("ciphertext").asText(""));
                if (ct.length == 0) {
                    throw new IllegalArgumentException("empty");
                }
                entries.put(e.getKey(), new Entry(ct, Instant.parse(n.path("created").asText()),
                        Instant.parse(n.path("updated").asText()), n.path("length").asInt()));
            } catch (RuntimeException bad) {
                throw new StoreException(storeFile + ": entry '" + e.getKey() + "' is damaged; restore the store from"
                        + " a backup, or delete that entry from the file and put the secret again", bad);
            }
        }
        try {
            SecretStore store = new SecretStore(storeFile, keysetFile, storeId, entries, handle);
            String audit = root.path("auditKey").asText("");
            if (!audit.isEmpty()) {
                try {
                    store.auditKeyCiphertext = Base64.getDecoder().decode(audit);
                } catch (IllegalArgumentException bad) {
                    throw new StoreException(storeFile + ": the audit key entry is damaged; restore the store from a backup");
                }
                store.checkKey();
            }
            return store;
        } catch (GeneralSecurityException e) {
            throw new StoreException(keysetFile + ": the key file holds no usable AEAD key: " + e.getMessage(), e);
        }
    }

    /**
     * Fails early, with a message that says so, when the key file is not this store's: without this a
     * wrong key file would only show when a secret is first needed. Every store made by {@link #init}
     * has an audit key, a value encrypted like the secrets, which is what is tried.
     */
    private void checkKey() throws StoreException {
        byte[] plain;
        try {
            plain = aead.decrypt(auditKeyCiphertext, associatedData(AUDIT_KEY_NAME));
        } catch (GeneralSecurityException e) {
            throw new StoreException(keysetFile + ": this key file does not open the store " + storeFile
                    + " (it belongs to another store, or the store was edited). Give the store's own key file"
                    + " (--keyset PATH to the tool, keyset=PATH to the agent), or restore both from a backup");
        }
        java.util.Arrays.fill(plain, (byte) 0);
    }

    private static KeysetHandle readKeyset(Path keysetFile) throws StoreException {
        String text;
        try {
            String why = AtomicFiles.permissionProblem(keysetFile);
            if (why != null) {
                throw new StoreException(keysetFile + ": the key file " + why
                        + "; refusing to use it. Run: chmod 600 " + keysetFile);
            }
            text = new String(Files.readAllBytes(keysetFile), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new StoreException(keysetFile + ": key file not found; 'egress-guard store init' creates it next to"
                    + " the store; if it is elsewhere, give its path (--keyset PATH to the tool, keyset=PATH to the agent)");
        } catch (AccessDeniedException e) {
            throw new StoreException(keysetFile + ": no permission to read the key file; run as the user who owns it");
        } catch (IOException e) {
            throw new StoreException(keysetFile + ": cannot read the key file (" + e.getClass().getSimpleName() + ")", e);
        }
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(text, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new StoreException(keysetFile + ": not a valid key file (damaged, or not a Tink keyset);"
                    + " restore it from a backup", e);
        }
    }

    private static void register() throws StoreException {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new StoreException("cannot initialise Tink: " + e.getMessage(), e);
        }
    }

    // ---- reading ---------------------------------------------------------------------------------

    public Path file() {
        return storeFile;
    }

    public Path keysetFile() {
        return keysetFile;
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(entries.keySet()));
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    public List<EntryInfo> list() {
        List<EntryInfo> out = new ArrayList<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry v = e.getValue();
            out.add(new EntryInfo(e.getKey(), v.created, v.updated, v.length));
        }
        return out;
    }

    /**
     * Decrypts one secret. The caller owns the returned array and should clear it when done.
     * Only the agent core calls this; it is not reachable from the application.
     */
    public byte[] decrypt(String name) throws StoreException {
        Entry e = entries.get(name);
        if (e == null) {
            throw new StoreException(storeFile + ": no secret named '" + name + "'; add it with: egress-guard store put "
                    + name + " --stdin");
        }
        try {
            return aead.decrypt(e.ciphertext, associatedData(name));
        } catch (GeneralSecurityException ex) {
            throw new StoreException(storeFile + ": secret '" + name + "' cannot be decrypted with the key in "
                    + keysetFile + ". Either this is not the key file of this store, or the entry was edited,"
                    + " moved or copied from another store. Restore the right key file or put the secret again.");
        }
    }

    /** The key that chains this store's audit log; {@code null} for a store created without one. */
    public byte[] auditKey() throws StoreException {
        if (auditKeyCiphertext == null) {
            return null;
        }
        try {
            return aead.decrypt(auditKeyCiphertext, associatedData(AUDIT_KEY_NAME));
        } catch (GeneralSecurityException ex) {
            throw new StoreException(storeFile + ": the audit key cannot be decrypted with the key in " + keysetFile
                    + "; this is not the key file of this store, or the store was edited");
        }
    }

    /** A stable, non-secret id of this store (it is bound into every entry's encryption). */
    public String id() {
        return storeId;
    }

    // ---- changing -------------------------------------------------------------------------------

    public void put(String name, byte[] value) throws StoreException {
        putAll(Map.of(name, value));
    }

    /**
     * Puts every secret of {@code values} and writes the store once: all of them or, on any error,
     * none. For imports of many secrets, where one write per secret would rewrite the file each time.
     */
    public void putAll(Map<String, byte[]> values) throws StoreException {
        for (Map.Entry<String, byte[]> v : values.entrySet()) {
            String why = Handles.nameProblem(v.getKey());
            if (why != null) {
                throw new StoreException("invalid secret name '" + v.getKey() + "': " + why);
            }
            if (v.getValue().length == 0) {
                throw new StoreException("refusing to store an empty value for '" + v.getKey() + "'");
            }
        }
        Instant now = Instant.now();
        Map<String, Entry> before = new TreeMap<>(entries);
        for (Map.Entry<String, byte[]> v : values.entrySet()) {
            String name = v.getKey();
            byte[] ct;
            try {
                ct = aead.encrypt(v.getValue(), associatedData(name));
            } catch (GeneralSecurityException e) {
                entries.clear();
                entries.putAll(before);
                throw new StoreException("cannot encrypt: " + e.getMessage(), e);
            }
            Entry old = before.get(name);
            entries.put(name, new Entry(ct, old == null ? now : old.created, now, v.getValue().length));
        }
        saveOrRollback(before);
    }

    public boolean remove(String name) throws StoreException {
        if (!entries.containsKey(name)) {
            return false;
        }
        Map<String, Entry> before = new TreeMap<>(entries);
        entries.remove(name);
        saveOrRollback(before);
        return true;
    }

    /**
     * Adds a new primary key, re-encrypts every entry with it, then disables the old keys. Each step is
     * written atomically and in an order where the store can always be decrypted with the key file on
     * disk, whatever moment a crash happens at.
     */
    public void rotateKey() throws StoreException {
        KeysetHandle old = keyset;
        try {
            KeysetHandle.Builder b = KeysetHandle.newBuilder(old);
            b.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary());
            KeysetHandle withNew = b.build();
            // 1. key file with old and new keys, the new one primary
            writeKeyset(withNew);
            Aead oldAead = aead;
            useKeyset(withNew);
            // 2. every entry re-encrypted under the new primary
            Map<String, Entry> before = new TreeMap<>(entries);
            for (Map.Entry<String, Entry> e : before.entrySet()) {
                byte[] plain = oldAead.decrypt(e.getValue().ciphertext, associatedData(e.getKey()));
                try {
                    Entry v = e.getValue();
                    entries.put(e.getKey(), new Entry(aead.encrypt(plain, associatedData(e.getKey())), v.created, v.updated, v.length));
                } finally {
                    java.util.Arrays.fill(plain, (byte) 0);
                }
            }
            byte[] auditBefore = auditKeyCiphertext;
            if (auditKeyCiphertext != null) {
                byte[] plain = oldAead.decrypt(auditKeyCiphertext, associatedData(AUDIT_KEY_NAME));
                auditKeyCiphertext = aead.encrypt(plain, associatedData(AUDIT_KEY_NAME));
                java.util.Arrays.fill(plain, (byte) 0);
            }
            try {
                saveOrRollback(before);
            } catch (StoreException e) {
                auditKeyCiphertext = auditBefore;
                throw e;
            }
            // 3. old keys disabled
            KeysetHandle.Builder d = KeysetHandle.newBuilder(withNew);
            for (int i = 0; i < d.size(); i++) {
                if (!d.getAt(i).isPrimary()) {
                    d.getAt(i).setStatus(KeyStatus.DISABLED);
                }
            }
            KeysetHandle finalHandle = d.build();
            writeKeyset(finalHandle);
            useKeyset(finalHandle);
        } catch (GeneralSecurityException e) {
            throw new StoreException("key rotation failed before anything was lost: " + e.getMessage()
                    + " (the store and key file are still usable)", e);
        }
    }

    private void writeKeyset(KeysetHandle handle) throws StoreException, GeneralSecurityException {
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        try {
            AtomicFiles.write(keysetFile, json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreException(keysetFile + ": cannot write the key file: " + e.getMessage(), e);
        }
    }

    private void saveOrRollback(Map<String, Entry> before) throws StoreException {
        try {
            save();
        } catch (StoreException e) {
            entries.clear();
            entries.putAll(before);
            throw e;
        }
    }

    private void save() throws StoreException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("storeId", storeId);
        if (auditKeyCiphertext != null) {
            root.put("auditKey", Base64.getEncoder().encodeToString(auditKeyCiphertext));
        }
        ObjectNode secrets = root.putObject("secrets");
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            ObjectNode n = secrets.putObject(e.getKey());
            n.put("ciphertext", Base64.getEncoder().encodeToString(e.getValue().ciphertext));
            n.put("created", e.getValue().created.toString());
            n.put("updated", e.getValue().updated.toString());
            n.put("length", e.getValue().length);
        }
        try {
            AtomicFiles.write(storeFile, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new StoreException(storeFile + ": cannot write the store (nothing was changed): " + e.getMessage(), e);
        }
    }

    private byte[] associatedData(String name) {
        return ("egress-guard/v1\u0000" + storeId + "\u0000" + name).getBytes(StandardCharsets.UTF_8);
    }

    private static String newStoreId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "st-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Runs {@code action} while holding an exclusive lock on the store, so that two commands changing
     * the same store at once cannot lose each other's changes.
     */
    public static <T> T withLock(Path storeFile, LockedAction<T> action) throws StoreException {
        Path lockFile = storeFile.toAbsolutePath().normalize().resolveSibling("." + storeFile.getFileName() + ".lock");
        // the file lock keeps other processes out; threads of this JVM take turns here first, because a
        // second FileChannel.lock on the same file in one JVM throws instead of waiting
        synchronized (LOCKS.computeIfAbsent(lockFile, k -> new Object())) {
            try {
                Files.createDirectories(lockFile.getParent(), AtomicFiles.ownerOnlyDirectory());
                try (FileChannel ch = AtomicFiles.POSIX
                        ? FileChannel.open(lockFile, java.util.EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                                AtomicFiles.ownerOnlyFile())
                        : FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock ignored = ch.lock()) {
                    return action.run();
                }
            } catch (IOException e) {
                throw new StoreException(lockFile + ": cannot lock the store (" + e.getClass().getSimpleName() + ")", e);
            }
        }
    }

    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Work done under {@link #withLock}. */
    public interface LockedAction<T> {
        T run() throws StoreException;
    }
}
