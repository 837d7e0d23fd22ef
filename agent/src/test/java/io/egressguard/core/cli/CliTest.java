package io.egressguard.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool in-process, for what is cheaper to check here than in a child JVM: argument handling, what
 * is echoed, the date format. {@code CliIT} runs the real jar.
 */
class CliTest {

    private static final String VALUE = "xoxb-unitTestValueQwErTyUiOpAsDfGhJkLzXcV";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        out.reset();
        err.reset();
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false);
        return cli.run(args);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shownCutsLongArgumentsButKeepsShortOnes() {
        assertEquals("'stroe'", Cli.shown("stroe"));
        String cut = Cli.shown(VALUE);
        assertTrue(cut.startsWith("'xox...' (" + VALUE.length() + " characters"), cut);
        assertFalse(cut.contains(VALUE.substring(3, 9)), cut);
    }

    @Test
    void datesAreShownToTheSecondInUtc() {
        assertEquals("2025-06-01 14:03:27Z", Cli.date(Instant.parse("2025-06-01T14:03:27.123456789Z")));
    }

    @Test
    void storeRoundTripAndValuesNeverInTheListing() {
        String store = dir.resolve("s").resolve("store.json").toString();
        assertEquals(Cli.OK, run("", "store", "init", "--store=" + store));
        assertEquals(Cli.OK, run(VALUE + "\r\n", "store", "put", "slack", "--stdin", "--store", store));
        assertTrue(output().contains("stored 'slack' (" + VALUE.length() + " bytes)"), "CRLF is not part of the value");
        assertEquals(Cli.OK, run("", "store", "list", "--store", store));
        assertTrue(output().contains("slack "), output());
        assertFalse(output().contains(VALUE.substring(5, 15)), output());
    }

    @Test
    void putFromAFileLosesOneTrailingNewlineOnly() throws Exception {
        String store = dir.resolve("store.json").toString();
        run("", "store", "init", "--store", store);
        Path f = dir.resolve("value.txt");
        Files.writeString(f, VALUE + "\n\n");
        assertEquals(Cli.OK, run("", "store", "put", "slack", "--file", f.toString(), "--store", store));
        assertTrue(output().contains("(" + (VALUE.length() + 1) + " bytes)"), output());
    }

    @Test
    void argumentMistakesAreUsageErrorsThatEchoNoValue() {
        String store = dir.resolve("store.json").toString();
        run("", "store", "init", "--store", store);
        String[][] cases = {
            {"store", "put", "slack", VALUE, "--store", store},
            {"store", "put", "slack", "--token=" + VALUE, "--store", store},
            {"store", "put", "slack", "--stdin", "--file", "x", "--store", store},
            {"store", "put", "slack", "--store", store},
            {"store", "put", "slack", "--store"},
            {"store", "put", "slack", "--store", store, "--store", store},
            {"handle", VALUE},
            {"handle"},
            {"rules", "lint", "x.yaml"},
            {"audit", "check"},
            {VALUE},
        };
        for (String[] args : cases) {
            assertEquals(Cli.USAGE, run("", args), String.join(" ", args) + ": " + output());
            assertFalse(output().contains(VALUE.substring(3, 12)), output());
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("egress-guard: "), output());
        }
    }

    @Test
    void helpGoesToStandardOutputAndSucceeds() {
        assertEquals(Cli.OK, run("", "help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: java -jar egress-guard-agent.jar COMMAND"));
        assertEquals(Cli.OK, run(""));
    }
}
