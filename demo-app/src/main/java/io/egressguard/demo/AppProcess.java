package io.egressguard.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent application in its own JVM, started with {@code -javaagent}: its output is shown as it
 * comes and kept in files.
 */
final class AppProcess {

    /** What the application did. */
    record Result(int exitCode, List<String> stdout, List<String> stderr) {}

    private AppProcess() {}

    /**
     * Environment variables a user's shell might carry that would change what the child does: other
     * credentials and endpoints, other guard settings, other agents or JVM options.
     */
    static boolean inherited(String name) {
        return name.startsWith("OPENAI_") || name.startsWith("GITHUB_") || name.startsWith("EGRESS_GUARD_")
                || name.equals("JAVA_TOOL_OPTIONS") || name.equals("_JAVA_OPTIONS") || name.equals("JDK_JAVA_OPTIONS");
    }

    static Result run(List<String> command, Map<String, String> env, Path stdoutFile, Path stderrFile, Duration timeout,
            PrintStream live) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(AppProcess::inherited);
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            List<String> out = Collections.synchronizedList(new ArrayList<>());
            List<String> err = Collections.synchronizedList(new ArrayList<>());
            Thread o = pump(p.getInputStream(), stdoutFile, out, live, "  app  | ");
            Thread e = pump(p.getErrorStream(), stderrFile, err, live, "  app! | ");
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new DemoFailure("the application did not finish within " + timeout.toSeconds() + " s");
            }
            o.join(10_000);
            e.join(10_000);
            return new Result(p.exitValue(), List.copyOf(out), List.copyOf(err));
        } catch (IOException e) {
            throw new DemoFailure("cannot start the application: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted while the application ran", e);
        }
    }

    /** Copies one stream line by line to a file, a list, and the console. */
    private static Thread pump(InputStream in, Path file, List<String> lines, PrintStream live, String prefix)
            throws IOException {
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)); w) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    w.write(line);
                    w.write('\n');
                    live.println(prefix + line);
                }
            } catch (IOException ignored) {
                // the child went away; what was read is kept
            }
        }, "app-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
