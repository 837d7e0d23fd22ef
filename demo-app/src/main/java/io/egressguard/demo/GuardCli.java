package io.egressguard.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the agent jar as the command-line tool ({@code java -jar egress-guard-agent.jar ...}) in a
 * child process, exactly as a user would. Secret values go in on standard input, never as arguments.
 * Each command and its output are appended to a log file.
 */
final class GuardCli {

    private final Path java;
    private final Path agentJar;
    private final Path log;

    GuardCli(Path java, Path agentJar, Path log) {
        this.java = java;
        this.agentJar = agentJar;
        this.log = log;
    }

    /** Runs a command; returns its standard output; throws if it fails. */
    String run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs a command with {@code stdin} piped to it; returns its standard output; throws if it fails. */
    String runWithInput(String stdin, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", agentJar.toString()));
        cmd.addAll(List.of(args));
        String shown = "egress-guard " + String.join(" ", args) + (stdin == null ? "" : "  (value on standard input)");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().keySet().removeIf(AppProcess::inherited); // the user's own guard settings stay out
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new DemoFailure(shown + " did not finish within 60 s");
            }
            Files.writeString(log, "$ " + shown + "\n" + out + "(exit " + p.exitValue() + ")\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (p.exitValue() != 0) {
                throw new DemoFailure(shown + " failed (exit " + p.exitValue() + "):\n" + out.strip());
            }
            return out.strip();
        } catch (IOException e) {
            throw new DemoFailure("cannot run " + shown + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted while running " + shown, e);
        }
    }
}
