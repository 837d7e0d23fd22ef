package io.egressguard.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressguard.it.support.Canaries;
import io.egressguard.it.support.ChildJvm;
import io.egressguard.it.support.GuardFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An application that asked for the guard must not run without it: every setup problem stops the JVM
 * before the application's main with exit status 78 and a line that names the problem and the fix.
 * With {@code failMode=open} the application runs instead, and the guard says loudly that it does not.
 */
class StartupIT {

    private static final int EXIT_CONFIG = 78;
    private static final String FATAL = "[egress-guard] FATAL: ";

    private GuardFixture guard;

    @BeforeEach
    void setUp() {
        guard = GuardFixture.create().secret("github", Canaries.GITHUB).rules("version: 1\n"
                + "secrets:\n"
                + "  - name: github\n"
                + "    allow: [{host: api.github.com}]\n"
                + "    inject: {replace-handle-in: [Authorization]}\n");
    }

    @AfterEach
    void tearDown() {
        guard.close();
    }

    private ChildJvm app(String agentOptions) {
        return ChildJvm.java().agent(agentOptions).testClasses().main(MarkerApp.class);
    }

    /**
     * The JVM stopped with 78 before main, and its one FATAL line contains every expected part. Returns
     * that line.
     */
    private static String assertRefused(ChildJvm.Result r, String... expected) {
        assertEquals(EXIT_CONFIG, r.exitCode, r.toString());
        assertFalse(r.stdout.contains(MarkerApp.RAN), "the application's main must not run: " + r);
        assertNull(Canaries.findIn(r.stdout + r.stderr), "a secret in the output: " + r);
        List<String> fatal = r.stderr.lines().filter(l -> l.startsWith(FATAL)).collect(Collectors.toList());
        assertEquals(1, fatal.size(), "exactly one line says what is wrong: " + r.stderr);
        for (String part : expected) {
            assertTrue(fatal.get(0).contains(part), "'" + part + "' missing from: " + fatal.get(0));
        }
        assertFalse(r.stderr.contains("Exception in thread") || r.stderr.contains("\tat "), "no stack trace: " + r.stderr);
        return fatal.get(0);
    }

    @Test
    void theGoodSetupRunsTheApplication() {
        ChildJvm.Result r = app(guard.agentOptions()).run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains(MarkerApp.RAN), r.toString());
    }

    @Test
    void unknownOption() {
        assertRefused(app(guard.agentOptions("rule=x.yaml")).run(),
                "unknown agent option 'rule'", "did you mean 'rules'?");
    }

    @Test
    void badOptionValue() {
        assertRefused(app(guard.agentOptions("failMode=sometimes")).run(),
                "setting 'failMode' (from agent argument) is 'sometimes'", "must be 'closed' or 'open'");
    }

    @Test
    void noRuleFileAtAll() {
        assertRefused(app("store=" + guard.store()).run(),
                "no rule file given", "-javaagent:egress-guard-agent.jar=rules=PATH");
    }

    @Test
    void missingRuleFile() {
        Path missing = guard.dir().resolve("missing.yaml");
        assertRefused(app("rules=" + missing + ",store=" + guard.store()).run(),
                missing + ":1:1: rule file not found", "check the path");
    }

    @Test
    void invalidRuleFileNamesTheFirstMistakeAndCountsTheRest() throws Exception {
        guard.rules("version: 1\nsecrets:\n  - name: github\n    allow: [{host: \"*.com\"}]\n"
                + "    inject: {replace-handle-in: [Authorization], formt: x}\n");
        assertRefused(app(guard.agentOptions()).run(),
                guard.rulesFile() + ":4:", "invalid host '*.com'", "and 1 more; run 'egress-guard rules check'");
    }

    @Test
    void ruleForASecretThatIsNotInTheStore() {
        guard.rules("version: 1\nsecrets:\n  - name: gitlab\n    allow: [{host: gitlab.com}]\n"
                + "    inject: {replace-handle-in: [Authorization]}\n");
        assertRefused(app(guard.agentOptions()).run(),
                "secret 'gitlab' is not in the store", "store put gitlab --stdin");
    }

    @Test
    void storeThatDoesNotExist() {
        Path nowhere = guard.dir().resolve("nowhere").resolve("store.json");
        assertRefused(app("rules=" + guard.rulesFile() + ",store=" + nowhere).run(),
                nowhere + ": no store here", "store init");
    }

    @Test
    void damagedStore() throws Exception {
        Files.writeString(guard.store(), "{\"format\": \"egress-guard-store\", \"version\": 1, ");
        assertRefused(app(guard.agentOptions()).run(), guard.store() + ": the store is damaged", "restore it from a backup");
    }

    @Test
    void storeThatIsAFolder() throws Exception {
        Path folder = guard.dir().resolve("folder.json");
        Files.createDirectory(folder);
        assertRefused(app("rules=" + guard.rulesFile() + ",store=" + folder).run(), folder + ": cannot read the store");
    }

    @Test
    void wrongKeyFile() {
        GuardFixture other = GuardFixture.create();
        try {
            assertRefused(app(guard.agentOptions("keyset=" + other.keyset())).run(),
                    other.keyset() + ": this key file does not open the store " + guard.store(), "keyset=PATH");
        } finally {
            other.close();
        }
    }

    @Test
    void keyFileOthersCanRead() throws Exception {
        Files.setPosixFilePermissions(guard.keyset(), PosixFilePermissions.fromString("rw-r-----"));
        assertRefused(app(guard.agentOptions()).run(), "accessible to other users", "chmod 600 " + guard.keyset());
    }

    @Test
    void missingKeyFile() throws Exception {
        Files.delete(guard.keyset());
        assertRefused(app(guard.agentOptions()).run(), guard.keyset() + ": key file not found", "store init");
    }

    @Test
    void settingsFromSystemPropertiesAndEnvironmentAreCheckedToo() {
        Path missing = guard.dir().resolve("from-property.yaml");
        assertRefused(ChildJvm.java().agent("store=" + guard.store()).jvmArg("-Degressguard.rules=" + missing)
                .testClasses().main(MarkerApp.class).run(), missing + ":1:1: rule file not found");
        assertRefused(ChildJvm.java().agent("").env("EGRESS_GUARD_RULES", guard.rulesFile().toString())
                .env("EGRESS_GUARD_STORE", guard.store().toString()).env("EGRESS_GUARD_QUIET", "maybe")
                .testClasses().main(MarkerApp.class).run(),
                "setting 'quiet' (from environment variable EGRESS_GUARD_QUIET) is 'maybe'");
        assertRefused(ChildJvm.java().agent(guard.agentOptions()).jvmArg("-Degressguard.Rules=x.yaml")
                .testClasses().main(MarkerApp.class).run(), "unknown system property 'egressguard.Rules'",
                "did you mean 'egressguard.rules'?");
    }

    @Test
    void theAgentArgumentWinsOverSystemPropertyAndEnvironment() {
        // a broken rule file named by the lower-precedence sources must not matter
        ChildJvm.Result r = ChildJvm.java().agent(guard.agentOptions())
                .jvmArg("-Degressguard.rules=" + guard.dir().resolve("missing-prop.yaml"))
                .env("EGRESS_GUARD_RULES", guard.dir().resolve("missing-env.yaml").toString())
                .testClasses().main(MarkerApp.class).run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains(MarkerApp.RAN), r.toString());
    }

    @Test
    void failOpenRunsTheApplicationAndSaysLoudlyThatItIsUnguarded() {
        Path missing = guard.dir().resolve("missing.yaml");
        ChildJvm.Result r = app("rules=" + missing + ",store=" + guard.store() + ",failMode=open").run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains(MarkerApp.RAN), "the application runs: " + r);
        String warning = r.stderr.lines().filter(l -> l.contains("UNGUARDED")).findFirst().orElse("");
        assertTrue(warning.contains("NOT ACTIVE") && warning.contains("failMode=open"), r.stderr);
        assertTrue(warning.contains(missing + ":1:1: rule file not found"), "and why: " + warning);
        assertNull(Canaries.findIn(r.stdout + r.stderr));
    }

    @Test
    void failOpenIsHonouredEvenWhenAnotherOptionIsWrong() {
        ChildJvm.Result r = app(guard.agentOptions("failMode=open", "colour=blue")).run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains(MarkerApp.RAN), r.toString());
        assertTrue(r.stderr.contains("UNGUARDED") && r.stderr.contains("unknown agent option 'colour'"), r.stderr);
    }
}
