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
import org.junit.jupiter.api.BeforeAll;
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

    /** One run of the demo: its exit status, its output, and the folder with every file it wrote. */
    private record Run(int exit, String out, Path work) {}

    @BeforeAll
    static void clean() throws IOException {
        deleteTree(OUT);
        Files.createDirectories(OUT);
    }

    @Test
    void demoRunsAndNothingLeaks() throws Exception {
        Run run = demo("guarded");
        String whole = "\n--- demo output ---\n" + run.out;
        assertEquals(0, run.exit, "the demo's self-check failed" + whole);
        assertTrue(run.out.contains("RESULT: all ") && run.out.contains(" checks passed"), "no self-check result" + whole);
        assertTrue(!run.out.contains("FAILED"), "a check failed" + whole);
        // the story is told: both prompt-injected requests blocked, with the guard's own message
        assertTrue(run.out.contains("BLOCKED it; the app gets EgressBlockedException (an IOException): Egress Guard"
                + " blocked GET"), "the request to the attacker is not shown as blocked" + whole);
        assertTrue(run.out.contains("the handle of secret 'github' in the request body"),
                "the request with the handle in its body is not shown as blocked" + whole);
        assertTrue(run.out.contains("attacker  0 request(s)"), "the attacker's record is not shown" + whole);
        assertTrue(run.out.contains("chain intact"), "the audit log was not verified" + whole);
        // the second agent: one LangChain4j tool gets the token, the other is refused it, by name
        assertTrue(run.out.contains("[tool listIssues] result: 2 issues"), "listIssues did not read the issues" + whole);
        assertTrue(run.out.contains("BLOCKED it; the tool gets EgressBlockedException (an IOException): Egress Guard"
                + " blocked GET") && run.out.contains(MaintainerPart.REFUSAL) && run.out.contains(MaintainerPart.RULE_NEEDED),
                "closeIssue is not shown refused the token, with the tool, the secret and the rule needed" + whole);
        assertTrue(run.out.contains("identity repo-maintainer, tool listIssues: handle replaced in Authorization")
                        && run.out.contains("identity repo-maintainer, tool closeIssue: the handle of secret 'github'")
                        && run.out.contains("identity issue-triage-agent, tool (none): handle replaced in Authorization"),
                "the audit lines do not show identity and tool" + whole);

        // the scan must have something to search: every output of the run exists
        for (String f : List.of("app.stdout.log", "app.stderr.log", "maintainer.stdout.log", "maintainer.stderr.log",
                "audit.jsonl", "cli.log", "standins/openai.log",
                "standins/openai-requests.jsonl", "standins/github.log", "standins/attacker.log",
                "standins/attacker-loot.txt")) {
            assertTrue(Files.exists(run.work.resolve(f)), f + " missing" + whole);
        }
        assertTrue(Files.size(run.work.resolve("audit.jsonl")) > 0 && Files.size(run.work.resolve("standins/github.log")) > 0,
                "empty audit or stand-in log" + whole);
        assertNoSecretUnder(OUT.resolve("guarded"));
    }

    /** The self-check is worth something only if it fails when the guard is missing. */
    @Test
    void withoutTheGuardTheHandlesAreWorthlessAndTheSelfCheckFails() throws Exception {
        Run run = demo("unguarded", "--without-guard");
        String whole = "\n--- demo output ---\n" + run.out;
        assertEquals(1, run.exit, "the self-check should fail without the guard" + whole);
        assertTrue(run.out.contains("FAILED") && run.out.contains("checks FAILED"), whole);
        assertTrue(run.out.contains("[a handle, egh.openai.") && run.out.contains("-> 401"),
                "the OpenAI stand-in should have refused the bare handle" + whole);
        assertTrue(run.out.contains("FAILED    [repo-maintainer] the LangChain4j agent ran to the model's final answer"),
                "the second agent's checks should fail too" + whole);
        assertNoSecretUnder(OUT.resolve("unguarded"));
    }

    private static Run demo(String name, String... options) throws Exception {
        Path dir = OUT.resolve(name);
        Files.createDirectories(dir);
        Path work = dir.resolve("work");
        Path stdout = dir.resolve("demo.stdout.log");
        Path stderr = dir.resolve("demo.stderr.log");
        String javaHome = System.getProperty("demo.test.javaHome", "");
        Path java = Paths.get(javaHome.isBlank() ? System.getProperty("java.home") : javaHome, "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-jar", System.getProperty("demo.test.launcherJar"),
                "--work", work.toString(), "--agent-jar", System.getProperty("demo.test.agentJar")));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the demo did not finish in 5 minutes; output in " + dir);
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8) + "\n--- demo stderr ---\n"
                + Files.readString(stderr, StandardCharsets.UTF_8);
        return new Run(p.exitValue(), out, work);
    }

    /** Every file under {@code dir}, searched for the demo secrets in every form DemoSecrets knows. */
    private static void assertNoSecretUnder(Path dir) throws IOException {
        List<String> leaks = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                files++;
                String found = DemoSecrets.findIn(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                if (found != null) {
                    leaks.add(dir.relativize(f) + " contains " + found);
                }
            }
        }
        assertTrue(files >= 10, "only " + files + " files under " + dir);
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
