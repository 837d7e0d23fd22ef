package io.egressguard.it.support;

import io.egressguard.it.apps.HttpScenarios;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the request list for {@link HttpScenarios}, runs it in one child JVM, and parses its results,
 * so that a test sends dozens of requests for the price of one JVM start.
 */
public final class Scenarios {

    /** What happened to one request. */
    public static final class Outcome {
        public final String id;
        public final boolean ok;
        public final int status;
        public final String body;
        public final String exceptions;
        public final String message;
        /** {@code h2} or {@code http/1.1}, as the client reports it. */
        public final String protocol;

        Outcome(String id, boolean ok, int status, String body, String exceptions, String message, String protocol) {
            this.id = id;
            this.ok = ok;
            this.status = status;
            this.body = body;
            this.exceptions = exceptions;
            this.message = message;
            this.protocol = protocol;
        }

        public boolean blockedByGuard() {
            return !ok && exceptions.contains("io.egressguard.bootstrap.EgressBlockedException");
        }

        @Override
        public String toString() {
            return id + ": " + (ok ? "HTTP " + status + " " + body : "failed " + exceptions + ": " + message);
        }
    }

    private final List<String> lines = new ArrayList<>();

    public Scenarios add(String id, String client, String method, String url, Map<String, String> headers, String body) {
        StringBuilder h = new StringBuilder();
        if (headers != null) {
            headers.forEach((k, v) -> h.append(k).append(':').append(v).append('\n'));
        }
        lines.add(String.join("\t", enc(id), enc(client), enc(method), enc(url), enc(h.toString()),
                body == null ? "-" : enc(body)));
        return this;
    }

    public Scenarios get(String id, String client, String url, Map<String, String> headers) {
        return add(id, client, "GET", url, headers, null);
    }

    public Scenarios post(String id, String client, String url, Map<String, String> headers, String body) {
        return add(id, client, "POST", url, headers, body);
    }

    /** Runs every request in one child JVM; {@code child} is set up with agent and class path. */
    public Map<String, Outcome> run(ChildJvm child) {
        return run(child, HttpScenarios.class);
    }

    /** Runs every request with another main class that takes the request file first, then {@code moreArgs}. */
    public Map<String, Outcome> run(ChildJvm child, Class<?> main, String... moreArgs) {
        Path file;
        try {
            file = Files.createTempFile("scenarios", ".tsv");
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String[] args = new String[moreArgs.length + 1];
        args[0] = file.toString();
        System.arraycopy(moreArgs, 0, args, 1, moreArgs.length);
        ChildJvm.Result r = child.main(main, args).run();
        Map<String, Outcome> out = new LinkedHashMap<>();
        for (String line : r.stdoutLines()) {
            if (!line.startsWith("RESULT\t")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String id = dec(f[1]);
            if (f[2].equals("OK")) {
                out.put(id, new Outcome(id, true, Integer.parseInt(dec(f[3])), dec(f[4]), "", "", dec(f[5])));
            } else {
                out.put(id, new Outcome(id, false, -1, "", dec(f[3]), dec(f[4]), ""));
            }
        }
        if (out.size() != lines.size()) {
            throw new AssertionError("expected " + lines.size() + " results, got " + out.size() + "\n" + r);
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // temp file
        }
        lastResult = r;
        return out;
    }

    private ChildJvm.Result lastResult;

    /** The child's full output of the last run, for output assertions. */
    public ChildJvm.Result lastResult() {
        return lastResult;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
