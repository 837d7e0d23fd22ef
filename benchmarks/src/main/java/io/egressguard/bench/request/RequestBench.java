package io.egressguard.bench.request;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time of one GET through each guarded client to a loopback server on a kept-alive connection.
 *
 * <p>The agent is not chosen here: run.sh runs this class once per configuration, adding
 * {@code -javaagent:...} to the forked JVM and {@code -Dbench.config=NAME} so that the run can check
 * the configuration does what it is named for, before measuring anything:
 * <ul>
 *   <li>{@code none}: no agent;</li>
 *   <li>{@code nomatch}: the agent, with a rule for another host; the request carries nothing of it;</li>
 *   <li>{@code inject}: the agent sets {@code Authorization} from the store on every request;</li>
 *   <li>{@code block}: the request carries a handle to a host its rule does not allow, and is refused
 *       before anything is sent (so this measures the refusal, not a round trip).</li>
 * </ul>
 * The server listens on {@code -Dbench.port} (rule files name the port); {@code -Dbench.handleFile} names
 * the file holding the handle sent in the {@code block} configuration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestBench {

    @Param({BenchClient.JDK_HTTP_CLIENT, BenchClient.URL_CONNECTION, BenchClient.OKHTTP, BenchClient.APACHE4,
        BenchClient.APACHE5, BenchClient.JETTY, BenchClient.REACTOR_NETTY, BenchClient.WEBCLIENT, BenchClient.VERTX})
    public String client;

    private String config;
    private LoopbackServer server;
    private BenchClient http;

    @Setup
    public void start() throws Exception {
        config = System.getProperty("bench.config", "none");
        server = LoopbackServer.start(Integer.getInteger("bench.port", 0));
        // The handle comes from a file, not from -D: JMH sends the fork's JVM arguments back to the host
        // over its loopback link, and the guard's socket backstop rightly refuses to let a handle go there.
        String authorization = config.equals("block")
                ? "Bearer " + new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(required("bench.handleFile"))),
                        java.nio.charset.StandardCharsets.US_ASCII).trim()
                : null;
        http = BenchClient.create(client, server.uri("/v1/ping"), authorization);
        checkConfiguration();
    }

    /** Fails the run (not a timing assertion) when the agent does not do what the configuration says. */
    private void checkConfiguration() throws Exception {
        long before = server.requests();
        String outcome;
        try {
            http.send();
            String auth = server.lastAuthorization();
            outcome = auth == null ? "sent as is" : auth.startsWith("Bearer ") ? "sent with a credential" : "sent, odd header";
        } catch (IOException e) {
            outcome = String.valueOf(e.getMessage()).contains("Egress Guard blocked") ? "blocked" : "failed: " + e;
        }
        String expected;
        switch (config) {
            case "none":
            case "nomatch":
                expected = "sent as is";
                break;
            case "inject":
                expected = "sent with a credential";
                break;
            case "block":
                expected = "blocked";
                break;
            default:
                throw new IllegalStateException("unknown bench.config " + config);
        }
        if (!expected.equals(outcome) || (config.equals("block") != (server.requests() == before))) {
            throw new IllegalStateException("configuration " + config + " with " + client + ": expected the request to be "
                    + expected + ", but it was " + outcome);
        }
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null) {
            throw new IllegalStateException("-D" + property + " is required");
        }
        return v;
    }

    @Benchmark
    public int request() throws InterruptedException {
        try {
            return http.send();
        } catch (IOException refused) {
            return -1; // the block configuration: the refusal is what is measured
        }
    }

    @TearDown
    public void stop() throws IOException {
        server.close();
    }
}
