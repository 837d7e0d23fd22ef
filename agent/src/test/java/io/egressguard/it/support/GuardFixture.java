package io.egressguard.it.support;

import io.egressguard.core.handle.Handles;
import io.egressguard.core.store.SecretStore;
import io.egressguard.core.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A store with canary secrets, a rule file and an audit log in a fresh folder: what a user sets up
 * with {@code store init}, {@code store put} and an editor, made in one call for a test.
 */
public final class GuardFixture implements AutoCloseable {

    private final Path dir;
    private final Path store;
    private final Path keyset;
    private final Path rules;
    private final Path audit;

    private GuardFixture(Path dir) {
        this.dir = dir;
        this.store = dir.resolve("store.json");
        this.keyset = dir.resolve("keyset.json");
        this.rules = dir.resolve("rules.yaml");
        this.audit = dir.resolve("audit.jsonl");
    }

    public static GuardFixture create() {
        try {
            Path dir = Files.createTempDirectory("egress-guard-it");
            GuardFixture f = new GuardFixture(dir);
            SecretStore.init(f.store, f.keyset);
            return f;
        } catch (IOException | StoreException e) {
            throw new IllegalStateException(e);
        }
    }

    public GuardFixture secret(String name, String value) {
        try {
            SecretStore.open(store, keyset).put(name, value.getBytes(StandardCharsets.UTF_8));
        } catch (StoreException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public GuardFixture rules(String yaml) {
        try {
            Files.write(rules, yaml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** The agent options for this fixture, plus any extra {@code name=value} items. */
    public String agentOptions(String... extra) {
        List<String> parts = new ArrayList<>();
        parts.add("rules=" + rules);
        parts.add("store=" + store);
        parts.add("audit=" + audit);
        parts.addAll(List.of(extra));
        return String.join(",", parts);
    }

    public static String handle(String name) {
        return Handles.handleFor(name);
    }

    public Path dir() {
        return dir;
    }

    public Path store() {
        return store;
    }

    public Path keyset() {
        return keyset;
    }

    public Path rulesFile() {
        return rules;
    }

    public Path auditFile() {
        return audit;
    }

    public List<String> auditLines() {
        try {
            return Files.exists(audit) ? Files.readAllLines(audit, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Outputs.keep(audit, "audit.jsonl");
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp folder; the OS cleans it eventually
        }
    }
}
