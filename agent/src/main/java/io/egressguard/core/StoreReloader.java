package io.egressguard.core;

import io.egressguard.core.store.SecretStore;
import io.egressguard.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Picks up secrets added to, changed in or removed from the store while the application runs, so that
 * {@code egress-guard store put} takes effect without a restart: a new secret is blocked from leaving and
 * redacted from logs and prompts within one check interval.
 *
 * <p>It polls the store and key files' metadata (cheap, and works on every file system, unlike watch
 * services on network mounts); the store is written by rename, so a change shows as a new file. A store
 * that cannot be read (a key rotation caught half-way, a bad edit) keeps the secrets already loaded; the
 * problem is reported if it is still there at the next check.
 */
final class StoreReloader implements Runnable {

    private final Path storeFile;
    private final Path keysetFile;
    private final Set<String> ruleNames;
    private final Reporter reporter;
    private final Set<String> warnedShort;
    private final Consumer<KnownSecrets> apply;
    private final long intervalMillis;
    private Object lastSeen;
    private KnownSecrets known;
    private String pendingProblem;

    StoreReloader(Path storeFile, Path keysetFile, Set<String> ruleNames, Reporter reporter, Set<String> warnedShort,
            KnownSecrets atStart, Consumer<KnownSecrets> apply, int intervalSeconds) {
        this.known = atStart;
        this.storeFile = storeFile;
        this.keysetFile = keysetFile;
        this.ruleNames = ruleNames;
        this.reporter = reporter;
        this.warnedShort = warnedShort;
        this.apply = apply;
        this.intervalMillis = intervalSeconds * 1000L;
        this.lastSeen = fingerprint();
    }

    /** Starts checking on a daemon thread, which never keeps the application alive. */
    void start() {
        Thread t = new Thread(this, "egress-guard-store-reload");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        while (true) {
            try {
                Thread.sleep(intervalMillis);
                checkOnce();
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) { // this thread must survive anything, or reloading silently stops
                reporter.internalError("reloading the store", t);
            }
        }
    }

    /** Reloads if the files changed since the last look; true when new secrets were applied. */
    boolean checkOnce() {
        Object now = fingerprint();
        if (Objects.equals(now, lastSeen) && pendingProblem == null) {
            return false;
        }
        try {
            KnownSecrets secrets = KnownSecrets.load(SecretStore.open(storeFile, keysetFile), ruleNames, reporter,
                    warnedShort, known);
            apply.accept(secrets);
            known = secrets;
            lastSeen = now;
            pendingProblem = null;
            reporter.debug("store reloaded: " + secrets.count + " secret(s)");
            return true;
        } catch (StoreException e) {
            if (e.getMessage().equals(pendingProblem)) {
                lastSeen = now; // reported once; try again when the files change
                reporter.warn("the store changed but cannot be read, so the secrets loaded before stay in use: "
                        + e.getMessage());
                pendingProblem = null;
            } else {
                pendingProblem = e.getMessage(); // maybe caught half-way through a rotation; look again
            }
            return false;
        }
    }

    /** What changes when either file is replaced or rewritten: identity, size and time of both. */
    private Object fingerprint() {
        return java.util.List.of(describe(storeFile), describe(keysetFile));
    }

    private static String describe(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.fileKey() + "/" + a.size() + "/" + a.lastModifiedTime().toMillis();
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
