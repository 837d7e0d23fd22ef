package io.egressguard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the demo exactly as a user does ({@code java -jar egress-guard-demo.jar}): real stand-ins on
 * loopback, the real agent jar as CLI and as -javaagent, the real OpenAI SDK in a child JVM. Then checks
 * that the demo's own self-check passed, that it told the story, and that no output of the run (the
 * demo's stdout and stderr, the application's, the audit log, the stand-ins' logs, the attacker's
 * loot, the CLI output) holds a demo secret in any form.
 */
class DemoIT {

    private static final Path OUT = Paths.get(System.getProperty("demo.test.outputDir", "target/demo-it"));

    @Test
    void demoRunsAndNothingLeaks() throws Exception {
        deleteTree(OUT);
        Files.createDirectories(OUT);
        Path work = OUT.resolve("work");
        Path stdout = OUT.resolve("demo.stdout.log");
        Path stderr = OUT.resolve("demo.stderr.log");
        String javaHome = System.getProperty("demo.test.javaHome", "");
        Path java = Paths.get(javaHome.isBlank() ? System.getProperty("java.home") : javaHome, "bin", "java");
        List<String> cmd = List.of(java.toString(), "-jar", System.getProperty("demo.test.launcherJar"),
                "--work", work.toString(), "--agent-jar", System.getProperty("demo.test.agentJar"));
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the demo did not finish in 5 minutes; output in " + OUT);
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        String whole = "\n--- demo stdout ---\n" + out + "\n--- demo stderr ---\n" + err;

        assertEquals(0, p.exitValue(), "the demo's self-check failed" + whole);
        assertTrue(out.contains("RESULT: all ") && out.contains(" checks passed"), "no self-check result" + whole);
        assertTrue(!out.contains("FAILED"), "a check failed" + whole);
        // the story is told: both prompt-injected requests blocked, with the guard's own message
        assertTrue(out.contains("BLOCKED it; the app gets EgressBlockedException (an IOException): Egress Guard blocked GET"),
                "the request to the attacker is not shown as blocked" + whole);
        assertTrue(out.contains("the handle of secret 'github' in the request body"),
                "the request with the handle in its body is not shown as blocked" + whole);
        assertTrue(out.contains("attacker  0 request(s)"), "the attacker's record is not shown" + whole);
        assertTrue(out.contains("chain intact"), "the audit log was not verified" + whole);

        // the scan below must have something to search: every output of the run exists
        for (String f : List.of("app.stdout.log", "app.stderr.log", "audit.jsonl", "cli.log", "standins/openai.log",
                "standins/openai-requests.jsonl", "standins/github.log", "standins/attacker.log",
                "standins/attacker-loot.txt")) {
            assertTrue(Files.exists(work.resolve(f)), f + " missing" + whole);
        }
        assertTrue(Files.size(work.resolve("audit.jsonl")) > 0 && Files.size(work.resolve("standins/github.log")) > 0,
                "empty audit or stand-in log" + whole);

        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(OUT)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String found = DemoSecrets.findIn(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                if (found != null) {
                    leaks.add(OUT.relativize(f) + " contains " + found);
                }
            }
        }
        assertTrue(leaks.isEmpty(), "demo secrets found in the outputs: " + leaks);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
