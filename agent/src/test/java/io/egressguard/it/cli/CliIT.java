package io.egressguard.it.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressguard.it.support.Canaries;
import io.egressguard.it.support.ChildJvm;
import io.egressguard.it.support.GuardFixture;
import io.egressguard.it.support.Outputs;
import io.egressguard.it.support.RecordingServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command-line tool as a user runs it: {@code java -jar egress-guard-agent.jar ...} in a child JVM,
 * with the real jar. Every command's output is checked for the canary secrets, whatever else the test
 * looks at.
 */
class CliIT {

    private Path dir;
    private Path store;
    private Path keyset;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory("egress-guard-cli-it");
        store = dir.resolve("store.json");
        keyset = dir.resolve("keyset.json");
    }

    @AfterEach
    void tearDown() throws IOException {
        Outputs.keep(store, "cli-store.json");
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Runs the tool; a canary in anything it prints fails the test whatever the command was. */
    private ChildJvm.Result cliWithInput(String stdin, String... args) {
        ChildJvm child = ChildJvm.java().jvmArg("-Duser.home=" + dir).jar(ChildJvm.TestPaths.agentJar(), args);
        if (stdin != null) {
            child.stdin(stdin);
        }
        ChildJvm.Result r = child.run();
        assertNull(Canaries.findIn(r.stdout + r.stderr), "a secret in the tool's output: " + String.join(" ", args)
                + " printed the " + Canaries.findIn(r.stdout + r.stderr));
        return r;
    }

    private ChildJvm.Result cli(String... args) {
        return cliWithInput(null, args);
    }

    private String[] withStore(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--store");
        all.add(store.toString());
        return all.toArray(new String[0]);
    }

    private void initStore() {
        ChildJvm.Result r = cli(withStore("store", "init"));
        assertEquals(0, r.exitCode, r.toString());
    }

    // ---- store ---------------------------------------------------------------------------------------

    @Test
    void storeInitPutListRemoveRotate() throws Exception {
        ChildJvm.Result init = cli(withStore("store", "init"));
        assertEquals(0, init.exitCode, init.toString());
        assertTrue(init.stdout.contains("created store " + store), init.stdout);
        assertTrue(init.stdout.contains("created key file " + keyset), init.stdout);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset)));

        ChildJvm.Result put = cliWithInput(Canaries.GITHUB + "\n", withStore("store", "put", "github", "--stdin"));
        assertEquals(0, put.exitCode, put.toString());
        assertTrue(put.stdout.contains("stored 'github' (" + Canaries.GITHUB.length() + " bytes)"), "one trailing newline"
                + " is not part of the value: " + put.stdout);
        assertTrue(put.stdout.contains(GuardFixture.handle("github")), put.stdout);

        Path valueFile = dir.resolve("openai.txt");
        Files.writeString(valueFile, Canaries.OPENAI);
        ChildJvm.Result putFile = cli(withStore("store", "put", "openai", "--file", valueFile.toString()));
        assertEquals(0, putFile.exitCode, putFile.toString());

        ChildJvm.Result list = cli(withStore("store", "list"));
        assertEquals(0, list.exitCode, list.toString());
        List<String> lines = list.stdoutLines();
        assertEquals(3, lines.size(), list.stdout);
        assertTrue(lines.get(0).matches("NAME +CREATED +UPDATED +BYTES +HANDLE"), lines.get(0));
        Pattern row = Pattern.compile("(\\S+) +(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ) +(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ)"
                + " +(\\d+) +(egh\\.\\S+)");
        assertTrue(row.matcher(lines.get(1)).matches(), "dates to the second, no nanoseconds: " + lines.get(1));
        assertTrue(lines.get(1).startsWith("github ") && lines.get(1).endsWith(GuardFixture.handle("github")), lines.get(1));
        assertTrue(lines.get(2).startsWith("openai ") && lines.get(2).contains(" " + Canaries.OPENAI.length() + " "),
                lines.get(2));

        ChildJvm.Result rm = cli(withStore("store", "rm", "openai"));
        assertEquals(0, rm.exitCode, rm.toString());
        ChildJvm.Result rmAgain = cli(withStore("store", "rm", "openai"));
        assertEquals(1, rmAgain.exitCode, rmAgain.toString());
        assertTrue(rmAgain.stderr.contains("no secret named 'openai'"), rmAgain.stderr);

        String keysetBefore = Files.readString(keyset);
        ChildJvm.Result rotate = cli(withStore("store", "rotate-key"));
        assertEquals(0, rotate.exitCode, rotate.toString());
        assertFalse(keysetBefore.equals(Files.readString(keyset)), "the key file changed");
        assertTrue(Files.readString(keyset).contains("DISABLED"), "the old key is disabled");

        ChildJvm.Result after = cli(withStore("store", "list"));
        assertEquals(2, after.stdoutLines().size(), after.stdout);
        assertTrue(after.stdout.contains("github "), after.stdout);

        // the store still opens in an agent after the rotation: the value reaches an allowed API
        try (RecordingServer api = RecordingServer.http()) {
            Path rules = dir.resolve("rules.yaml");
            Files.writeString(rules, "version: 1\nsecrets:\n  - name: github\n    allow:\n      - {host: 127.0.0.1, scheme: http,"
                    + " port: " + api.port() + "}\n    inject: {replace-handle-in: [Authorization]}\n");
            ChildJvm.Result app = ChildJvm.java().agent("rules=" + rules + ",store=" + store).testClasses()
                    .main(OneRequestApp.class, GuardFixture.handle("github"), api.url("/after-rotation")).run();
            assertEquals(0, app.exitCode, app.toString());
            assertEquals("Bearer " + Canaries.GITHUB, api.requestsTo("/after-rotation").get(0).getHeader("Authorization"));
        }
    }

    /**
     * A token typed on the command line by mistake. Not one of the canaries: the command lines of the
     * tests are kept with their output, and the canary scan must find no canary anywhere.
     */
    private static final String TYPED = "ghp_Zq8TwXv3KmN7pLr2Yb5HcJ9dFg4SsWe6UuAa";

    /** Nothing of {@code value} beyond its first three characters appears in what the tool printed. */
    private static void assertNotEchoed(String value, ChildJvm.Result r) {
        String out = r.stdout + r.stderr;
        for (int i = 3; i + 6 <= value.length(); i++) {
            assertFalse(out.contains(value.substring(i, i + 6)), "echoed '" + value.substring(i, i + 6) + "': " + r);
        }
    }

    @Test
    void aValueOnTheCommandLineIsRefusedAndNeverEchoed() throws Exception {
        initStore();
        byte[] before = Files.readAllBytes(store);
        List<String[]> attempts = List.of(
                withStore("store", "put", "github", TYPED),
                withStore("store", "put", "github", "--stdin", TYPED),
                withStore("store", "put", "github", "--value=" + TYPED),
                withStore("store", "put", "github", "--" + TYPED),
                withStore("store", "put", TYPED, "--stdin"));
        for (String[] args : attempts) {
            ChildJvm.Result r = cliWithInput("", args);
            assertEquals(64, r.exitCode, String.join(" ", args) + "\n" + r);
            assertTrue(r.stderr.startsWith("egress-guard: "), r.stderr);
            assertNotEchoed(TYPED, r);
        }
        ChildJvm.Result first = cliWithInput("", withStore("store", "put", "github", TYPED));
        assertTrue(first.stderr.contains("never from the command line") && first.stderr.contains("'ps'"), first.stderr);
        assertTrue(first.stderr.contains("nothing was stored"), first.stderr);
        assertArrayEquals(before, Files.readAllBytes(store), "nothing was stored");
    }

    @Test
    void aValueMistakenForAnotherArgumentIsNotEchoedEither() throws Exception {
        initStore();
        for (String[] args : List.of(
                new String[] {"handle", TYPED},
                withStore("store", "rm", TYPED),
                withStore("store", "put", "openai", "--file", TYPED),
                withStore("store", TYPED),
                new String[] {TYPED},
                withStore("store", "list", TYPED),
                withStore("rules", "check", "--" + TYPED + "=1"))) {
            ChildJvm.Result r = cli(args);
            assertTrue(r.exitCode == 64 || r.exitCode == 1, String.join(" ", args) + "\n" + r);
            assertNotEchoed(TYPED, r);
        }
    }

    @Test
    void initRefusesToOverwrite() throws Exception {
        initStore();
        cliWithInput(Canaries.INTERNAL, withStore("store", "put", "internal", "--stdin"));
        byte[] storeBefore = Files.readAllBytes(store);
        byte[] keysetBefore = Files.readAllBytes(keyset);
        ChildJvm.Result again = cli(withStore("store", "init"));
        assertEquals(1, again.exitCode, again.toString());
        assertTrue(again.stderr.contains(store + ": a store already exists here"), again.stderr);
        assertArrayEquals(storeBefore, Files.readAllBytes(store));
        assertArrayEquals(keysetBefore, Files.readAllBytes(keyset));
    }

    @Test
    void emptyValueIsRefused() {
        initStore();
        ChildJvm.Result r = cliWithInput("\n", withStore("store", "put", "empty", "--stdin"));
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("the value is empty; nothing was stored"), r.stderr);
    }

    @Test
    void wrongKeyFileIsRefusedWithWhatToDo() throws Exception {
        initStore();
        cliWithInput(Canaries.GITHUB, withStore("store", "put", "github", "--stdin"));
        Path other = dir.resolve("other");
        ChildJvm.Result init = cli("store", "init", "--store", other.resolve("store.json").toString());
        assertEquals(0, init.exitCode, init.toString());
        ChildJvm.Result r = cli(withStore("store", "list", "--keyset", other.resolve("keyset.json").toString()));
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("this key file does not open the store " + store), r.stderr);
        assertTrue(r.stderr.contains("--keyset PATH"), r.stderr);
        assertEquals(1, r.stderr.lines().count(), "one line: " + r.stderr);
    }

    @Test
    void keyFileReadableByOthersIsRefusedWithTheChmodToRun() throws Exception {
        initStore();
        Files.setPosixFilePermissions(keyset, PosixFilePermissions.fromString("rw-r--r--"));
        ChildJvm.Result r = cli(withStore("store", "list"));
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("accessible to other users (rw-r--r--)"), r.stderr);
        assertTrue(r.stderr.contains("chmod 600 " + keyset), r.stderr);
    }

    @Test
    void corruptOrTruncatedStoreIsReportedAndAFailedPutDoesNotOverwriteIt() throws Exception {
        initStore();
        cliWithInput(Canaries.GITHUB, withStore("store", "put", "github", "--stdin"));
        byte[] good = Files.readAllBytes(store);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
        Files.write(store, truncated);
        ChildJvm.Result list = cli(withStore("store", "list"));
        assertEquals(1, list.exitCode, list.toString());
        assertTrue(list.stderr.contains(store + ": the store is damaged"), list.stderr);
        assertTrue(list.stderr.contains("restore it from a backup"), list.stderr);

        ChildJvm.Result put = cliWithInput(Canaries.OPENAI, withStore("store", "put", "openai", "--stdin"));
        assertEquals(1, put.exitCode, put.toString());
        assertArrayEquals(truncated, Files.readAllBytes(store), "the failed put left the file as it was");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-"))
                    .collect(Collectors.toList()), "no temporary file left behind");
        }
    }

    @Test
    void missingStoreSaysHowToCreateOne() {
        ChildJvm.Result r = cli(withStore("store", "list"));
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.stderr.contains(store + ": no store here; create one with 'egress-guard store init'"), r.stderr);
    }

    // ---- handle --------------------------------------------------------------------------------------

    @Test
    void handlePrintsTheHandleAndRefusesBadNames() {
        ChildJvm.Result r = cli("handle", "github");
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(List.of(GuardFixture.handle("github")), r.stdoutLines());
        assertTrue(r.stdout.trim().matches("egh\\.github\\.[a-z2-7]{4}"), r.stdout);

        ChildJvm.Result bad = cli("handle", "GitHub");
        assertEquals(64, bad.exitCode, bad.toString());
        assertTrue(bad.stderr.contains("invalid secret name 'GitHub'"), bad.stderr);
        assertEquals("", bad.stdout);
    }

    // ---- rules check ---------------------------------------------------------------------------------

    @Test
    void rulesCheckOkLine() throws Exception {
        initStore();
        cliWithInput(Canaries.GITHUB, withStore("store", "put", "github", "--stdin"));
        Path rules = dir.resolve("ok.yaml");
        Files.writeString(rules, "version: 1\nsecrets:\n  - name: github\n    allow:\n      - host: api.github.com\n"
                + "      - host: uploads.github.com\n    inject:\n      replace-handle-in: [Authorization]\n");
        ChildJvm.Result r = cli(withStore("rules", "check", rules.toString()));
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(List.of(rules + ": OK, 1 secret, 2 destinations; secret names checked against " + store), r.stdoutLines());
        assertEquals("", r.stderr);
    }

    @Test
    void rulesCheckReportsEveryErrorAsFileLineColumn() throws Exception {
        initStore();
        cliWithInput(Canaries.GITHUB, withStore("store", "put", "github", "--stdin"));
        Path rules = dir.resolve("bad.yaml");
        Files.writeString(rules, "version: 1\n"
                + "secrets:\n"
                + "  - name: github\n"
                + "    allow:\n"
                + "      - host: api.github.com:443\n"       // 5:15 port in host
                + "        paths: [\"repos/**\"]\n"            // 6:17 glob
                + "        methods: [FETCH]\n"                  // 7:19 method
                + "    inject:\n"
                + "      replace-handle-in: [Authorization]\n"
                + "      formt: bearer\n"                       // 10:7 unknown key
                + "  - name: slack\n"                           // 11:11 not in the store
                + "    allow: [{host: slack.com}]\n"
                + "    inject: {replace-handle-in: [Authorization]}\n");
        ChildJvm.Result r = cli(withStore("rules", "check", rules.toString()));
        assertEquals(2, r.exitCode, r.toString());
        assertEquals("", r.stdout);
        List<String> lines = r.stderr.lines().collect(Collectors.toList());
        List<String> expectedStarts = List.of(rules + ":5:15: invalid host 'api.github.com:443': it contains a port",
                rules + ":6:17: invalid path glob 'repos/**'",
                rules + ":7:19: unknown HTTP method 'FETCH'",
                rules + ":10:7: unknown key 'formt'",
                rules + ":11:11: secret 'slack' is not in the store");
        assertEquals(expectedStarts.size() + 1, lines.size(), r.stderr);
        for (int i = 0; i < expectedStarts.size(); i++) {
            assertTrue(lines.get(i).startsWith(expectedStarts.get(i)), lines.get(i));
            assertTrue(lines.get(i).endsWith(")"), "with a hint: " + lines.get(i));
        }
        assertEquals("5 errors in " + rules + "; nothing was loaded", lines.get(lines.size() - 1));
    }

    @Test
    void rulesCheckOfAMissingOrBinaryFile() throws Exception {
        ChildJvm.Result missing = cli("rules", "check", dir.resolve("nope.yaml").toString(), "--no-store");
        assertEquals(2, missing.exitCode, missing.toString());
        assertTrue(missing.stderr.startsWith(dir.resolve("nope.yaml") + ":1:1: rule file not found"), missing.stderr);

        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "version: 1\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        ChildJvm.Result r = cli("rules", "check", latin1.toString(), "--no-store");
        assertEquals(2, r.exitCode, r.toString());
        assertTrue(r.stderr.startsWith(latin1 + ":2:6: the rule file is not UTF-8 text"), r.stderr);
    }

    @Test
    void everyShippedExampleChecksOk() throws Exception {
        Path rulesDir = ChildJvm.TestPaths.agentJar().getParent().getParent().getParent().resolve("rules");
        List<Path> examples;
        try (Stream<Path> s = Files.list(rulesDir)) {
            examples = s.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
        assertTrue(examples.size() >= 7, "examples in " + rulesDir + ": " + examples);
        for (Path example : examples) {
            ChildJvm.Result r = cli("rules", "check", example.toString(), "--no-store");
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.stdout.startsWith(example + ": OK, "), r.stdout);
        }
    }

    // ---- audit verify --------------------------------------------------------------------------------

    @Test
    void auditVerifyAcceptsTheAgentsLogAndFindsTampering() throws Exception {
        initStore();
        cliWithInput(Canaries.GITHUB, withStore("store", "put", "github", "--stdin"));
        Path audit = dir.resolve("audit.jsonl");
        try (RecordingServer api = RecordingServer.http()) {
            Path rules = dir.resolve("rules.yaml");
            Files.writeString(rules, "version: 1\nsecrets:\n  - name: github\n    allow:\n      - {host: 127.0.0.1, scheme: http,"
                    + " port: " + api.port() + ", paths: [\"/repos/**\"]}\n    inject: {replace-handle-in: [Authorization]}\n");
            ChildJvm.Result app = ChildJvm.java().agent("rules=" + rules + ",store=" + store).testClasses()
                    .main(OneRequestApp.class, GuardFixture.handle("github"), api.url("/repos/a"), api.url("/admin"),
                            api.url("/repos/b"))
                    .run();
            assertEquals(List.of("status 200", "failed io.egressguard.bootstrap.EgressBlockedException", "status 200"),
                    app.stdoutLines().stream().filter(l -> l.startsWith("status") || l.startsWith("failed"))
                            .collect(Collectors.toList()), app.toString());
        }
        Outputs.keep(audit, "cli-audit.jsonl");
        List<String> lines = Files.readAllLines(audit);
        assertEquals(3, lines.size(), String.join("\n", lines));

        ChildJvm.Result ok = cli(withStore("audit", "verify"));   // the default log is next to the store
        assertEquals(0, ok.exitCode, ok.toString());
        assertTrue(ok.stdout.startsWith(audit + ": OK, 3 lines, chain intact up to seq 3"), ok.stdout);

        List<String> edited = new ArrayList<>(lines);
        edited.set(1, edited.get(1).replace("\"blocked\"", "\"injected\""));
        Files.write(audit, edited);
        ChildJvm.Result tampered = cli(withStore("audit", "verify", audit.toString()));
        assertEquals(2, tampered.exitCode, tampered.toString());
        assertTrue(tampered.stderr.startsWith(audit + ":2: line was modified"), tampered.stderr);

        List<String> removed = new ArrayList<>(lines);
        removed.remove(0);
        Files.write(audit, removed);
        ChildJvm.Result gap = cli(withStore("audit", "verify", audit.toString()));
        assertEquals(2, gap.exitCode, gap.toString());
        assertTrue(gap.stderr.startsWith(audit + ":1: chain broken"), gap.stderr);

        List<String> swapped = new ArrayList<>(lines);
        Collections.swap(swapped, 1, 2);
        Files.write(audit, swapped);
        ChildJvm.Result reordered = cli(withStore("audit", "verify", audit.toString()));
        assertEquals(2, reordered.exitCode, reordered.toString());
        assertTrue(reordered.stderr.startsWith(audit + ":2: chain broken"), reordered.stderr);
    }

    @Test
    void auditVerifyOfAMissingLog() {
        initStore();
        ChildJvm.Result r = cli(withStore("audit", "verify", dir.resolve("none.jsonl").toString()));
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("no audit log here"), r.stderr);
    }

    // ---- usage ---------------------------------------------------------------------------------------

    @Test
    void helpAndUnknownCommands() {
        ChildJvm.Result help = cli("help");
        assertEquals(0, help.exitCode, help.toString());
        for (String command : List.of("store init", "store put NAME --stdin", "store list", "store rm NAME",
                "store rotate-key", "handle NAME", "rules check FILE", "audit verify", "attach PID")) {
            assertTrue(help.stdout.contains(command), command + " missing from help");
        }
        ChildJvm.Result unknown = cli("stroe", "list");
        assertEquals(64, unknown.exitCode, unknown.toString());
        assertTrue(unknown.stderr.contains("unknown command 'stroe'"), unknown.stderr);
    }
}
