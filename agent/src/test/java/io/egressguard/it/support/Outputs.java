package io.egressguard.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps a copy of everything the integration tests' child JVMs printed, and the audit logs they wrote,
 * under {@code target/it-outputs}, so that {@link CanaryScan} can search all of it for secrets.
 */
public final class Outputs {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Outputs() {}

    public static Path dir() {
        Path d = ChildJvm.TestPaths.agentJar().getParent().resolve("it-outputs");
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return d;
    }

    static void record(String command, String stdout, String stderr) {
        int n = COUNTER.incrementAndGet();
        String base = ProcessHandle.current().pid() + "-" + n;
        try {
            Files.write(dir().resolve(base + ".cmd"), command.getBytes(StandardCharsets.UTF_8));
            Files.write(dir().resolve(base + ".out"), stdout.getBytes(StandardCharsets.UTF_8));
            Files.write(dir().resolve(base + ".err"), stderr.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps a file a test produced (an audit log, a server log) for the final scan. */
    public static void keep(Path file, String label) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            Files.copy(file, dir().resolve(ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-" + label),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path target() {
        return Paths.get(System.getProperty("egressguard.test.agentJar")).getParent();
    }
}
