package io.egressguard.it.support;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts a real child JVM, optionally with {@code -javaagent:egress-guard-agent.jar=...}, and captures
 * everything it prints. Every integration test that claims the agent does something goes through here.
 */
public final class ChildJvm {

    /** What the child did. */
    public static final class Result {
        public final int exitCode;
        public final String stdout;
        public final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        public List<String> stdoutLines() {
            return stdout.lines().collect(Collectors.toList());
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    private String agentArgs;
    private boolean withAgent;
    private final List<String> classpath = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String mainClass;
    private String jar;
    private final List<String> args = new ArrayList<>();
    private Duration timeout = Duration.ofMinutes(2);
    private Path workDir;
    private byte[] stdin;

    public static ChildJvm java() {
        return new ChildJvm();
    }

    /** Attaches the agent with these options (the part after {@code =}). */
    public ChildJvm agent(String options) {
        this.withAgent = true;
        this.agentArgs = options;
        return this;
    }

    /** The test classes, where the child programs of the integration tests live. */
    public ChildJvm testClasses() {
        classpath.add(TestPaths.testClasses().toString());
        return this;
    }

    /** Every jar of one library set under target/it-libs, e.g. {@code okhttp-4.12.0}. */
    public ChildJvm libs(String set) {
        Path dir = TestPaths.libs().resolve(set);
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> classpath.add(p.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("library set " + set + " missing at " + dir + "; run the build with 'verify'", e);
        }
        return this;
    }

    public ChildJvm classpath(String entry) {
        classpath.add(entry);
        return this;
    }

    public ChildJvm jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    public ChildJvm env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public ChildJvm main(Class<?> main, String... arguments) {
        this.mainClass = main.getName();
        this.args.addAll(List.of(arguments));
        return this;
    }

    /** Runs {@code java -jar JAR args}, e.g. the agent jar as the command-line tool. */
    public ChildJvm jar(Path jarFile, String... arguments) {
        this.jar = jarFile.toString();
        this.args.addAll(List.of(arguments));
        return this;
    }

    public ChildJvm timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    public ChildJvm workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    public ChildJvm stdin(String text) {
        this.stdin = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(TestPaths.childJava().toString());
        cmd.add("-Xshare:auto");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        if (withAgent) {
            cmd.add("-javaagent:" + TestPaths.agentJar() + (agentArgs == null || agentArgs.isEmpty() ? "" : "=" + agentArgs));
        }
        cmd.addAll(jvmArgs);
        if (jar != null) {
            cmd.add("-jar");
            cmd.add(jar);
        } else {
            cmd.add("-cp");
            cmd.add(String.join(File.pathSeparator, classpath));
            cmd.add(mainClass);
        }
        cmd.addAll(args);
        return cmd;
    }

    /** A child started with {@link #start()}: it runs while the test does other things. */
    public final class Running {
        private final Process process;
        private final Pump out;
        private final Pump err;

        Running(Process process, Pump out, Pump err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        public long pid() {
            return process.pid();
        }

        /** Waits until the child printed a line containing {@code text}; returns that line. */
        public String awaitLine(String text, Duration max) {
            long end = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < end) {
                for (String line : out.text().split("\n")) {
                    if (line.contains(text)) {
                        return line;
                    }
                }
                if (!process.isAlive()) {
                    break;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            throw new AssertionError("child never printed '" + text + "'\n--- stdout ---\n" + out.text()
                    + "\n--- stderr ---\n" + err.text());
        }

        public Result await() {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("child JVM timed out\n--- stdout ---\n" + out.text() + "\n--- stderr ---\n"
                            + err.text());
                }
                out.join(10000);
                err.join(10000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Result r = new Result(process.exitValue(), out.text(), err.text());
            Outputs.record(String.join(" ", command()), r.stdout, r.stderr);
            return r;
        }

        public void kill() {
            process.destroyForcibly();
        }
    }

    public Running start() {
        try {
            Process p = processBuilder().start();
            Pump out = new Pump(p.getInputStream());
            Pump err = new Pump(p.getErrorStream());
            out.start();
            err.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin);
            }
            p.getOutputStream().close();
            return new Running(p, out, err);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command(), e);
        }
    }

    private ProcessBuilder processBuilder() {
        ProcessBuilder pb = new ProcessBuilder(command());
        pb.environment().keySet().removeIf(k -> k.startsWith("EGRESS_GUARD_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(env);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        return pb;
    }

    public Result run() {
        ProcessBuilder pb = processBuilder();
        try {
            Process p = pb.start();
            Pump out = new Pump(p.getInputStream());
            Pump err = new Pump(p.getErrorStream());
            out.start();
            err.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin);
            }
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                out.join(5000);
                err.join(5000);
                throw new AssertionError("child JVM timed out after " + timeout + ": " + String.join(" ", command())
                        + "\n--- stdout ---\n" + out.text() + "\n--- stderr ---\n" + err.text());
            }
            out.join(10000);
            err.join(10000);
            Result r = new Result(p.exitValue(), out.text(), err.text());
            Outputs.record(String.join(" ", command()), r.stdout, r.stderr);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class Pump extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Pump(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] b = new byte[8192];
            int n;
            try {
                while ((n = in.read(b)) > 0) {
                    synchronized (buf) {
                        buf.write(b, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }

        String text() {
            synchronized (buf) {
                return new String(buf.toByteArray(), StandardCharsets.UTF_8);
            }
        }
    }

    /** Where things are, as set by the build (failsafe system properties). */
    public static final class TestPaths {
        private TestPaths() {}

        public static Path agentJar() {
            return Paths.get(required("egressguard.test.agentJar"));
        }

        public static Path libs() {
            return Paths.get(required("egressguard.test.libs"));
        }

        public static Path childJava() {
            String home = System.getProperty("egressguard.test.childJavaHome");
            if (home == null || home.isEmpty() || home.startsWith("${")) {
                home = System.getProperty("java.home");
            }
            return Paths.get(home, "bin", "java");
        }

        public static Path testClasses() {
            try {
                return Paths.get(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String required(String name) {
            String v = System.getProperty(name);
            if (v == null) {
                throw new IllegalStateException("system property " + name + " is not set; run integration tests through Maven"
                        + " (./mvnw verify)");
            }
            return v;
        }
    }
}
