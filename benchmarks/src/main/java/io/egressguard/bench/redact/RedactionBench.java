package io.egressguard.bench.redact;

import java.io.IOException;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Redaction throughput: one operation redacts the whole corpus of one kind (all its log lines, or
 * all its LLM bodies); {@link Corpus#bytes} of it over the time per operation is the throughput,
 * which the report computes. Single-threaded: the figure is per core.
 *
 * <p>The slow baselines (String.replace and the regex alternation) cannot get through the corpus
 * with a thousand secrets or more in reasonable time (a regex of 80,000 alternatives costs
 * milliseconds per character), so there they redact the first {@link #SAMPLE_BYTES} of it instead: their cost
 * per byte does not depend on how the text is cut, so the throughput is still theirs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
public class RedactionBench {

    static final int SAMPLE_BYTES = 16 * 1024;

    @Param({Engines.GUARD, Engines.GUARD_STREAM, Engines.STRING_REPLACE, Engines.REGEX, Engines.AHO_CORASICK})
    public String engine;

    @Param({"LOG", "LLM"})
    public Corpus.Kind corpus;

    @Param({"clean", "secrets"})
    public String content;

    @Param({"0", "10", "1000", "10000"})
    public int knownSecrets;

    private Engines.Engine redactor;
    private String[] inputs;

    @Setup
    public void prepare() {
        KnownSecrets secrets = new KnownSecrets(knownSecrets, 42);
        redactor = Engines.create(engine, secrets);
        inputs = inputsFor(engine, corpus, content.equals("secrets"), knownSecrets).toArray(new String[0]);
    }

    /** What one operation redacts; the report calls this too, to turn time into bytes per second. */
    public static List<String> inputsFor(String engine, Corpus.Kind corpus, boolean withSecrets, int knownSecrets) {
        List<String> all = Corpus.inputs(corpus, withSecrets, knownSecrets);
        boolean slowBaseline = engine.equals(Engines.STRING_REPLACE) || engine.equals(Engines.REGEX);
        if (!slowBaseline || knownSecrets < 1000) {
            return all;
        }
        String joined = String.join("", all);
        return List.of(joined.substring(0, Math.min(SAMPLE_BYTES, joined.length())));
    }

    @Benchmark
    public void redactCorpus(Blackhole bh) throws IOException {
        for (String input : inputs) {
            bh.consume(redactor.redact(input));
        }
    }
}
