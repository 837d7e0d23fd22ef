package io.egressguard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.egressguard.bench.redact.Corpus;
import io.egressguard.bench.redact.RedactionBench;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints one table of every figure of a run, with its baseline and the ratio, from the JMH result
 * files ({@code request-*.json}, {@code redaction*.json}) and the start-up results
 * ({@code startup.json}) in a folder. Usage: {@code Report RESULTS-DIR}. It reports; it never judges
 * a time as a failure.
 */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String[]> rows = new ArrayList<>();

    private Report() {}

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        Report r = new Report();
        r.decisions(dir);
        r.requests(dir);
        r.redaction(dir);
        r.startup(dir.resolve("startup.json"));
        r.print();
    }

    // ---- the guard's decision alone ------------------------------------------------------------------

    private void decisions(Path dir) throws IOException {
        File f = dir.resolve("decision.json").toFile();
        if (!f.exists()) {
            return;
        }
        Map<String, Double> baseline = new HashMap<>(); // case -> ns of the same request without a decision
        Map<String, Double> decide = new HashMap<>();
        for (JsonNode b : JSON.readTree(f)) {
            String decision = b.path("params").path("decision").asText();
            String method = b.path("benchmark").asText();
            (method.endsWith(".baseline") ? baseline : decide).put(decision, b.path("primaryMetric").path("score").asDouble());
        }
        for (String decision : List.of("nomatch", "inject", "block")) {
            Double t = decide.get(decision);
            Double base = baseline.get(decision);
            if (t == null || base == null) {
                continue;
            }
            String target = decision.equals("nomatch") ? "added <= 100 ns" : decision.equals("inject") ? "added <= 2000 ns" : "";
            row("guard decision alone, " + label(decision), fmt(t, 0) + " ns", fmt(base, 0) + " ns without",
                    "added " + fmt(t - base, 0) + " ns", target);
        }
    }

    // ---- per request -------------------------------------------------------------------------------

    private void requests(Path dir) throws IOException {
        for (String okhttp : List.of("okhttp4", "okhttp5")) {
            Map<String, Map<String, Double>> byConfig = new HashMap<>(); // config -> client -> ns
            for (String config : List.of("none", "nomatch", "inject", "block")) {
                File f = dir.resolve("request-" + config + "-" + okhttp + ".json").toFile();
                if (!f.exists()) {
                    continue;
                }
                for (JsonNode b : JSON.readTree(f)) {
                    String client = b.path("params").path("client").asText();
                    byConfig.computeIfAbsent(config, k -> new HashMap<>()).put(client, b.path("primaryMetric").path("score").asDouble());
                }
            }
            Map<String, Double> none = byConfig.getOrDefault("none", Map.of());
            for (String client : List.of("jdk-httpclient", "httpurlconnection", "okhttp", "apache-httpclient4",
                    "apache-httpclient5", "jetty-httpclient", "reactor-netty", "spring-webclient", "vertx-webclient")) {
                if (!okhttp.equals("okhttp4") && !client.equals("okhttp")) {
                    continue; // the JDK clients do not depend on the OkHttp version: measured once
                }
                String name = client.equals("okhttp") ? (okhttp.equals("okhttp4") ? "OkHttp 4.12" : "OkHttp 5.5") : client;
                Double base = none.get(client);
                if (base != null) {
                    row("request " + name + ", no agent", micros(base), "", "", "");
                }
                for (String config : List.of("nomatch", "inject", "block")) {
                    Double t = byConfig.getOrDefault(config, Map.of()).get(client);
                    if (t == null || base == null) {
                        continue;
                    }
                    String target = config.equals("nomatch") ? "added <= 0.1 us" : config.equals("inject") ? "added <= 2 us" : "";
                    row("request " + name + ", agent " + label(config), micros(t), micros(base) + " no agent",
                            "added " + signedMicros(t - base) + " (x" + fmt(t / base, 2) + ")", target);
                }
            }
        }
    }

    private static String label(String config) {
        switch (config) {
            case "nomatch": return "no rule matches";
            case "inject": return "injecting";
            default: return "blocking";
        }
    }

    // ---- redaction ---------------------------------------------------------------------------------

    private void redaction(Path dir) throws IOException {
        Map<String, Double> mbps = new HashMap<>(); // engine|corpus|content|secrets -> MB/s
        File[] files = dir.toFile().listFiles((d, n) -> n.startsWith("redaction") && n.endsWith(".json"));
        if (files == null) {
            return;
        }
        Arrays.sort(files);
        for (File f : files) {
            for (JsonNode b : JSON.readTree(f)) {
                JsonNode p = b.path("params");
                String engine = p.path("engine").asText();
                Corpus.Kind corpus = Corpus.Kind.valueOf(p.path("corpus").asText());
                String content = p.path("content").asText();
                int secrets = p.path("knownSecrets").asInt();
                double microsPerOp = b.path("primaryMetric").path("score").asDouble();
                long bytes = Corpus.bytes(RedactionBench.inputsFor(engine, corpus, content.equals("secrets"), secrets));
                mbps.put(engine + "|" + corpus + "|" + content + "|" + secrets, bytes / microsPerOp); // bytes/us = MB/s
            }
        }
        for (Corpus.Kind corpus : Corpus.Kind.values()) {
            for (String content : List.of("clean", "secrets")) {
                for (int secrets : new int[] {0, 10, 1000, 10000}) {
                    String key = "|" + corpus + "|" + content + "|" + secrets;
                    Double guard = mbps.get("guard" + key);
                    if (guard == null) {
                        continue;
                    }
                    String what = "redact " + (corpus == Corpus.Kind.LOG ? "log lines" : "LLM bodies") + ", "
                            + (content.equals("clean") ? "no secret" : "secrets present") + ", " + secrets + " known";
                    String target = secrets == 10000 && corpus == Corpus.Kind.LOG && content.equals("clean") ? ">= 1000 MB/s"
                            : secrets == 10000 && content.equals("secrets") ? ">= 300 MB/s" : "";
                    row(what, fmt(guard, 1) + " MB/s", "", "", target);
                    Double stream = mbps.get("guard-stream" + key);
                    if (stream != null) {
                        row("  same, through the redacting stream", fmt(stream, 1) + " MB/s", fmt(guard, 1) + " MB/s guard (String)",
                                "x" + fmt(stream / guard, 2), "");
                    }
                    for (String baseline : List.of("string-replace", "regex", "aho-corasick")) {
                        Double b = mbps.get(baseline + key);
                        if (b != null) {
                            String t = baseline.equals("regex") && secrets == 10000 ? ">= 20x" : baseline.equals("aho-corasick") ? "> 1x" : "";
                            row("  guard vs " + baseline, fmt(guard, 1) + " MB/s", fmt(b, 2) + " MB/s " + baseline,
                                    "x" + fmt(guard / b, 1), t);
                        }
                    }
                }
            }
        }
    }

    // ---- start-up ----------------------------------------------------------------------------------

    private void startup(Path file) throws IOException {
        if (!file.toFile().exists()) {
            return;
        }
        Map<String, JsonNode> runs = new HashMap<>();
        for (JsonNode n : JSON.readTree(file.toFile())) {
            runs.put(n.path("program").asText() + "/" + n.path("agent").asText(), n);
        }
        for (String program : List.of("hello", "demo")) {
            String name = program.equals("hello") ? "hello-world" : "demo app";
            JsonNode none = runs.get(program + "/none");
            for (String metric : List.of("toMainMs", "toFirstRequestMs")) {
                String what = metric.equals("toMainMs") ? "to main" : "to first request";
                double base = median(none.path(metric));
                row("start " + name + " " + what + ", no agent", fmt(base, 0) + " ms " + spread(none.path(metric)), "", "", "");
                double guardAdded = Double.NaN;
                for (String agent : List.of("egress-guard", "otel", "egress-guard-10k")) {
                    JsonNode n = runs.get(program + "/" + agent);
                    if (n == null) {
                        continue;
                    }
                    double m = median(n.path(metric));
                    String target = "";
                    if (agent.equals("egress-guard")) {
                        guardAdded = m - base;
                        target = program.equals("hello") ? "added <= 150 ms" : "";
                    }
                    String ratio = "added " + fmt(m - base, 0) + " ms";
                    if (agent.equals("otel") && !Double.isNaN(guardAdded)) {
                        ratio += ", guard/otel " + fmt(guardAdded / (m - base), 2);
                        target = "guard/otel < 0.1";
                    }
                    row("start " + name + " " + what + ", " + agent, fmt(m, 0) + " ms " + spread(n.path(metric)),
                            fmt(base, 0) + " ms no agent", ratio, target);
                }
            }
            for (String metric : List.of("heapBytes", "metaspaceBytes")) {
                String what = metric.equals("heapBytes") ? "heap" : "metaspace";
                double base = median(none.path(metric)) / 1e6;
                row(name + " " + what + " after start, no agent", fmt(base, 1) + " MB", "", "", "");
                for (String agent : List.of("egress-guard", "otel", "egress-guard-10k")) {
                    JsonNode n = runs.get(program + "/" + agent);
                    if (n != null) {
                        double m = median(n.path(metric)) / 1e6;
                        row(name + " " + what + " after start, " + agent, fmt(m, 1) + " MB", fmt(base, 1) + " MB no agent",
                                "added " + fmt(m - base, 1) + " MB", "");
                    }
                }
            }
        }
        JsonNode small = runs.get("hello/egress-guard");
        JsonNode big = runs.get("hello/egress-guard-10k");
        if (small != null && big != null) {
            double perTenThousand = (median(big.path("heapBytes")) - median(small.path("heapBytes"))) / 1e6;
            double total = (median(big.path("heapBytes")) - median(runs.get("hello/none").path("heapBytes"))) / 1e6;
            row("heap for 10,000 more secrets (agent)", fmt(perTenThousand, 1) + " MB", "3 secrets", "agent total "
                    + fmt(total, 1) + " MB", "agent <= 16 MB");
        }
    }

    private static double median(JsonNode values) {
        double[] v = sorted(values);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The spread as the lowest and highest quarter boundaries (interquartile range). */
    private static String spread(JsonNode values) {
        double[] v = sorted(values);
        return "(IQR " + fmt(v[v.length / 4], 0) + "-" + fmt(v[(3 * v.length) / 4 - (v.length % 4 == 0 ? 1 : 0)], 0) + ")";
    }

    private static double[] sorted(JsonNode values) {
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).asDouble();
        }
        Arrays.sort(v);
        return v;
    }

    // ---- output ------------------------------------------------------------------------------------

    private void row(String what, String value, String baseline, String ratio, String target) {
        rows.add(new String[] {what, value, baseline, ratio, target});
    }

    private void print() {
        String[] head = {"figure", "value", "baseline", "ratio / added", "target"};
        int[] w = new int[head.length];
        for (String[] r : prepend(head)) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : prepend(head)) {
            sb.append('|');
            for (int i = 0; i < r.length; i++) {
                sb.append(' ').append(String.format("%-" + w[i] + "s", r[i])).append(" |");
            }
            sb.append('\n');
            if (r == head) {
                sb.append('|');
                for (int x : w) {
                    sb.append("-".repeat(x + 2)).append('|');
                }
                sb.append('\n');
            }
        }
        System.out.print(sb);
    }

    private List<String[]> prepend(String[] head) {
        List<String[]> all = new ArrayList<>();
        all.add(head);
        all.addAll(rows);
        return all;
    }

    private static String micros(double nanos) {
        return fmt(nanos / 1000, 2) + " us";
    }

    private static String signedMicros(double nanos) {
        return (nanos >= 0 ? "+" : "") + fmt(nanos / 1000, 2) + " us";
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
