package io.egressguard.demo;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where the demo finds what it runs: the java executable, the agent jar, and the application's class
 * path. The defaults follow the build's layout, demo-app/target/ next to agent/target/.
 */
record DemoLayout(Path java, Path agentJar, List<Path> appClasspath) {

    static final String BUILD_HINT = "build it first: ./mvnw -q -DskipTests -pl demo-app -am package";

    static DemoLayout find(String agentJarOption) {
        Path java = Paths.get(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        // demo-app/target/egress-guard-demo.jar, or demo-app/target/classes when run from an IDE
        Path target = ownLocation().getParent();
        Path agentJar = agentJarOption != null ? Paths.get(agentJarOption)
                : target.resolve("../../agent/target/egress-guard-agent.jar").normalize();
        if (!Files.isRegularFile(agentJar)) {
            throw new DemoFailure("the agent jar is not at " + agentJar + "; " + BUILD_HINT
                    + " (or give its path with --agent-jar PATH)");
        }
        Path appJar = target.resolve("egress-guard-demo-app.jar");
        Path lib = target.resolve("lib");
        if (!Files.isRegularFile(appJar) || !Files.isDirectory(lib)) {
            throw new DemoFailure("the application jar or its libraries are missing under " + target + "; " + BUILD_HINT);
        }
        List<Path> cp = new ArrayList<>();
        cp.add(appJar);
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(cp::add);
        } catch (IOException e) {
            throw new DemoFailure("cannot list " + lib + ": " + e.getMessage(), e);
        }
        return new DemoLayout(java, agentJar.toAbsolutePath(), cp);
    }

    private static Path ownLocation() {
        try {
            return Paths.get(DemoLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new DemoFailure("cannot tell where the demo jar is: " + e.getMessage(), e);
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    }
}
