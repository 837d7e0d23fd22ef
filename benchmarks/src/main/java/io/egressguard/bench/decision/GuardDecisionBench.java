package io.egressguard.bench.decision;

import io.egressguard.bootstrap.EgressBlockedException;
import io.egressguard.bootstrap.Guard;
import io.egressguard.bootstrap.OutboundRequest;
import io.egressguard.core.Reporter;
import io.egressguard.core.audit.AuditLog;
import io.egressguard.core.handle.Handles;
import io.egressguard.core.policy.PolicyEngine;
import io.egressguard.core.policy.SecretValues;
import io.egressguard.core.redact.RedactionService;
import io.egressguard.core.redact.TextRedactor;
import io.egressguard.core.rules.RuleFileParser;
import io.egressguard.core.rules.RuleSet;
import io.egressguard.core.scan.EscapeDecodingMatcher;
import io.egressguard.core.scan.FastSecretMatcher;
import io.egressguard.core.scan.SecretMatcher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The guard's decision on one request, on its own: no socket, no client library, so that figures of
 * tens of nanoseconds can be seen (a loopback request costs 50 us to 1 ms and varies by more than that).
 *
 * <p>Each operation does what a client's advice does: take the thread's {@link OutboundRequest}, fill
 * in method, target and four headers, ask {@link Guard#decide}, and release it. {@code baseline} does
 * the same without asking: the guard's cost per request is a case's time minus the baseline's, both
 * measured in the same run. The engine is the agent's own ({@link PolicyEngine} over the real rule
 * parser, matcher and audit log, writing to a temporary file), installed as the JVM's guard.
 * Cases ({@code -p decision=...}):
 * <ul>
 *   <li>{@code nomatch}: a request to a host no rule names, carrying no handle: nothing to do;</li>
 *   <li>{@code inject}: a request to the rule's host: {@code Authorization: Bearer} set from the store
 *       (and an audit record queued);</li>
 *   <li>{@code block}: a request carrying the handle to a host the rule does not allow: refused with
 *       {@link EgressBlockedException} (and an audit record queued).</li>
 * </ul>
 * Set-up checks each case does what it is named for and fails the run otherwise; nothing checks a time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GuardDecisionBench {

    private static final String CLIENT = "bench";
    private static final String RULE_HOST = "api.example.com";
    private static final String OTHER_HOST = "127.0.0.1";

    @Param({"nomatch", "inject", "block"})
    public String decision;

    private Path dir;
    private AuditLog audit;
    private long capability;
    private String host;
    private String scheme;
    private int port;
    private String authorization;

    @Setup(Level.Trial)
    public void start() throws Exception {
        dir = Files.createTempDirectory("guard-decision-bench");
        Map<String, byte[]> values = new LinkedHashMap<>();
        values.put("bench", randomValue("bench_"));
        Path rules = dir.resolve("rules.yaml");
        Files.write(rules, ("version: 1\n"
                + "secrets:\n"
                + "  - name: bench\n"
                + "    allow:\n"
                + "      - host: " + RULE_HOST + "\n"
                + "        paths: [\"/**\"]\n"
                + "    inject:\n"
                + "      set-header: Authorization\n"
                + "      format: bearer\n").getBytes(StandardCharsets.UTF_8));
        RuleSet ruleSet = RuleFileParser.load(rules, values.keySet());
        SecretMatcher matcher = new EscapeDecodingMatcher(new FastSecretMatcher(values.keySet(), values));
        Reporter reporter = new Reporter(new PrintStream(System.err, true), false);
        byte[] auditKey = new byte[32];
        new SecureRandom().nextBytes(auditKey);
        audit = AuditLog.open(dir.resolve("audit.log"), auditKey);
        capability = new SecureRandom().nextLong() | 1;
        RedactionService redaction = new RedactionService(new TextRedactor(matcher, TextRedactor.NO_DETECTION),
                RedactionService.defaultStyles(), reporter);
        Guard.install(new PolicyEngine(ruleSet, new SecretValues(values), matcher, audit, reporter, false,
                64 * 1024, capability, redaction, "default"));
        switch (decision) {
            case "nomatch":
                scheme = "http"; host = OTHER_HOST; port = 8080;
                break;
            case "inject":
                scheme = "https"; host = RULE_HOST; port = 443;
                break;
            case "block":
                scheme = "http"; host = OTHER_HOST; port = 8080; authorization = "Bearer " + Handles.handleFor("bench");
                break;
            default:
                throw new IllegalArgumentException("unknown case " + decision);
        }
        check();
    }

    /** Fails the run (not a timing assertion) when the case does not decide what it is named for. */
    private void check() throws IOException {
        String outcome;
        OutboundRequest r = request();
        try {
            int d = Guard.decide(r);
            String auth = null;
            for (int i = 0; i < r.headerCount(); i++) {
                if (r.headerName(i).equalsIgnoreCase("Authorization")) {
                    auth = r.headerValue(i);
                }
            }
            outcome = d == Guard.PASS && auth == null ? "passed as is"
                    : d == Guard.MODIFIED && auth != null && auth.startsWith("Bearer ") ? "credential injected" : "other";
        } catch (EgressBlockedException e) {
            outcome = "blocked";
        } finally {
            Guard.end(r);
        }
        String expected = decision.equals("nomatch") ? "passed as is"
                : decision.equals("inject") ? "credential injected" : "blocked";
        if (!outcome.equals(expected)) {
            throw new IllegalStateException("case " + decision + " should have " + expected + " but " + outcome);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        audit.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** What a client's advice builds before asking the guard. */
    private OutboundRequest request() {
        OutboundRequest r = Guard.begin(CLIENT).capability(capability);
        r.method("GET").target(scheme, host, port, "/v1/ping", null);
        r.header("Host", host);
        r.header("User-Agent", "bench/1.0");
        r.header("Accept", "application/json");
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return r;
    }

    @Benchmark
    public int baseline() {
        OutboundRequest r = request();
        int n = r.headerCount();
        Guard.end(r);
        return n;
    }

    @Benchmark
    public Object decide() throws IOException {
        OutboundRequest r = request();
        try {
            return Guard.decide(r);
        } catch (EgressBlockedException e) {
            return e;
        } finally {
            Guard.end(r);
        }
    }

    private static byte[] randomValue(String prefix) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return (prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random)).getBytes(StandardCharsets.US_ASCII);
    }
}
