package io.egressguard.bench.startup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.egressguard.bench.fixture.GuardSetup;
import io.egressguard.core.handle.Handles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up and footprint: starts a hello-world program and the demo application many times each,
 * without an agent, with Egress Guard, and with the OpenTelemetry Java agent (exporters off), and
 * records for every start the time from launching the JVM to main, to the first request arriving at
 * a loopback server, and the heap and metaspace in use after a full collection at the end.
 * Hello-world also runs with Egress Guard holding 10,000 secrets, for the heap those cost.
 * Runs are interleaved (one of each configuration in turn) so that load on the machine spreads evenly.
 *
 * <p>Usage: {@code StartupBench RUNS WORK-DIR OUT.json AGENT-JAR OTEL-JAR DEMO-JAR BENCH-CLASSES}.
 */
public final class StartupBench {

    private static final long CHILD_TIMEOUT_SECONDS = 60;

    private record Config(String program, String agent) {
        String key() {
            return program + "/" + agent;
        }
    }

    private final Path work;
    private final Path agentJar;
    private final Path otelJar;
    private final Path demoJar;
    private final String benchClasses;
    private final FirstRequestServer server;

    private StartupBench(Path work, Path agentJar, Path otelJar, Path demoJar, String benchClasses) throws IOException {
        this.work = work;
        this.agentJar = agentJar;
        this.otelJar = otelJar;
        this.demoJar = demoJar;
        this.benchClasses = benchClasses;
        this.server = new FirstRequestServer();
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        StartupBench bench = new StartupBench(Paths.get(args[1]), Paths.get(args[3]), Paths.get(args[4]),
                Paths.get(args[5]), args[6]);
        bench.run(runs, Paths.get(args[2]));
    }

    private void run(int runs, Path out) throws Exception {
        GuardSetup.create(work.resolve("guard"), server.port(), 3);
        GuardSetup.create(work.resolve("guard-10k"), server.port(), 10_000);
        List<Config> configs = new ArrayList<>();
        for (String program : List.of("hello", "demo")) {
            for (String agent : List.of("none", "egress-guard", "otel")) {
                configs.add(new Config(program, agent));
            }
        }
        configs.add(new Config("hello", "egress-guard-10k"));
        Map<String, ObjectNode> results = new LinkedHashMap<>();
        java.util.Set<String> warmed = new java.util.HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (Config c : configs) {
            ObjectNode node = json.createObjectNode();
            node.put("program", c.program()).put("agent", c.agent());
            node.putArray("toMainMs");
            node.putArray("toFirstRequestMs");
            node.putArray("heapBytes");
            node.putArray("metaspaceBytes");
            results.put(c.key(), node);
            // once unmeasured per agent jar, and per program without agent: warms the file cache and CDS
            if (warmed.add(c.agent().equals("none") ? c.program() : c.agent())) {
                start(c);
            }
        }
        for (int i = 0; i < runs; i++) {
            for (Config c : configs) {
                Start s = start(c);
                ObjectNode node = results.get(c.key());
                ((ArrayNode) node.get("toMainMs")).add(s.toMainMs);
                ((ArrayNode) node.get("toFirstRequestMs")).add(s.toFirstRequestMs);
                ((ArrayNode) node.get("heapBytes")).add(s.heapBytes);
                ((ArrayNode) node.get("metaspaceBytes")).add(s.metaspaceBytes);
            }
            System.err.println("startup: round " + (i + 1) + " of " + runs + " done");
        }
        ArrayNode all = json.createArrayNode();
        results.values().forEach(all::add);
        json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), all);
    }

    private record Start(double toMainMs, double toFirstRequestMs, long heapBytes, long metaspaceBytes) {}

    private Start start(Config c) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        Map<String, String> env = new LinkedHashMap<>();
        switch (c.agent()) {
            case "none":
                break;
            case "egress-guard":
            case "egress-guard-10k": {
                Path dir = work.resolve(c.agent().equals("egress-guard") ? "guard" : "guard-10k");
                cmd.add("-javaagent:" + agentJar + "=rules=" + dir.resolve("loopback.yaml") + ",store="
                        + dir.resolve("store.json") + ",quiet=true");
                break;
            }
            case "otel":
                cmd.add("-javaagent:" + otelJar);
                cmd.add("-Dotel.traces.exporter=none");
                cmd.add("-Dotel.metrics.exporter=none");
                cmd.add("-Dotel.logs.exporter=none");
                break;
            default:
                throw new IllegalArgumentException(c.agent());
        }
        String base = "http://127.0.0.1:" + server.port();
        cmd.add("-cp");
        if (c.program().equals("hello")) {
            cmd.add(benchClasses);
            cmd.add(TimedMain.class.getName());
            cmd.add(HelloWorld.class.getName());
            cmd.add(base + "/hello");
        } else {
            // the application jar has no Class-Path: its libraries are in lib/ next to it
            cmd.add(benchClasses + java.io.File.pathSeparator + demoJar + java.io.File.pathSeparator
                    + demoJar.resolveSibling("lib") + java.io.File.separator + "*");
            cmd.add(TimedMain.class.getName());
            cmd.add("io.egressguard.demo.app.IssueTriageAgent");
            // with Egress Guard these handles become credentials at egress; without, they are inert strings
            env.put("OPENAI_API_KEY", Handles.handleFor("openai"));
            env.put("OPENAI_BASE_URL", base + "/v1");
            env.put("GITHUB_TOKEN", Handles.handleFor("github"));
            env.put("GITHUB_API_URL", base);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("OPENAI_") || k.startsWith("GITHUB_")
                || k.startsWith("EGRESS_GUARD_") || k.startsWith("OTEL_") || k.endsWith("JAVA_OPTIONS")
                || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(env);
        server.reset();
        long launchedAt = TimedMain.epochMicros();
        Process p = pb.start();
        p.getOutputStream().close();
        long mainAt = 0;
        long heap = -1;
        long metaspace = -1;
        List<String> output = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            Thread stopper = stopAfterFirstRequest(p, c.program().equals("demo"));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("startup.main-at=")) {
                    mainAt = Long.parseLong(line.substring("startup.main-at=".length()));
                } else if (line.startsWith("startup.memory=")) {
                    String[] v = line.substring("startup.memory=".length()).split(" ");
                    heap = Long.parseLong(v[0]);
                    metaspace = Long.parseLong(v[1]);
                } else if (output.size() < 40) {
                    output.add(line);
                }
            }
            stopper.interrupt();
        }
        if (!p.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        long firstRequestAt = server.firstRequestAt();
        if (mainAt == 0 || firstRequestAt == 0 || heap < 0) {
            throw new IllegalStateException(c.key() + ": the child did not report main, a request and its memory;"
                    + " its output began:\n  " + String.join("\n  ", output));
        }
        return new Start((mainAt - launchedAt) / 1000.0, (firstRequestAt - launchedAt) / 1000.0, heap, metaspace);
    }

    /**
     * The demo application would go on retrying its model call: once the first request has arrived, it
     * is asked to stop (SIGTERM, so that its shutdown hook reports memory). Hello-world ends by itself.
     */
    private Thread stopAfterFirstRequest(Process p, boolean needed) {
        Thread t = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
                while (needed && server.firstRequestAt() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                if (needed) {
                    p.toHandle().destroy(); // SIGTERM only: Process.destroy would also close its output
                }
            } catch (InterruptedException done) {
                // the child ended by itself
            }
        }, "stopper");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
