package io.egressguard.demo.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a loopback address and a free port, standing in for a remote service. It
 * records every request it receives as a {@link Received}, which describes credentials in words and
 * never holds their values, and appends the same line to its log file.
 */
public abstract class StandIn implements AutoCloseable {

    /** A request as the subclass sees it. */
    protected record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String pathAndQuery() {
            return query == null ? path : path + "?" + query;
        }
    }

    /** The answer, and a few words on what the stand-in did for the record. */
    protected record Response(int status, String contentType, String body, String detail) {
        static Response json(int status, String body, String detail) {
            return new Response(status, "application/json", body, detail);
        }
    }

    private final String name;
    private final Timeline timeline;
    private final Path logFile;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    protected StandIn(String name, String bindAddress, Timeline timeline, Path logFile) throws IOException {
        this.name = name;
        this.timeline = timeline;
        this.logFile = logFile;
        Files.createDirectories(logFile.getParent());
        Files.write(logFile, new byte[0]);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), 0), 16);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, name + "-stand-in");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    public String name() {
        return name;
    }

    /** {@code http://ADDRESS:PORT}, no trailing slash. */
    public String baseUrl() {
        InetSocketAddress a = server.getAddress();
        return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    public String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Path logFile() {
        return logFile;
    }

    /** Everything received so far, in order. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    protected Timeline timeline() {
        return timeline;
    }

    /** The exact Authorization value this stand-in accepts, or null if it accepts none. */
    protected abstract String acceptedAuthorization();

    /** What that credential is called in the log, e.g. "GitHub token". */
    protected abstract String credentialName();

    /** Answers one request; {@code authorized} says whether it carried the accepted credential. */
    protected abstract Response handle(Request request, boolean authorized) throws IOException;

    /** Called with the raw request before anything else; the attacker keeps everything. */
    protected void keepRaw(Request request) throws IOException {}

    /** Appends a line to this stand-in's log file. */
    protected void log(String line) {
        try (Writer w = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            w.write(line);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void exchange(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] bodyBytes = ex.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Request request = new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                    ex.getRequestURI().getRawQuery(), headers, new String(bodyBytes, StandardCharsets.UTF_8));
            keepRaw(request);
            String accepted = acceptedAuthorization();
            List<String> auth = headers.get("authorization");
            boolean authorized = accepted != null && auth != null && auth.contains(accepted);
            Response response;
            try {
                response = handle(request, authorized);
            } catch (IOException | RuntimeException e) {
                // e.g. a body that is not the JSON the API expects: answered and recorded, like any request
                response = Response.json(500, "{\"error\":\"stand-in failed\"}",
                        "stand-in error: " + e.getClass().getSimpleName()); // the message could quote the body
            }
            Received r = new Received(timeline.step(), request.method(), request.pathAndQuery(),
                    Credentials.describe(headers, accepted, credentialName()), authorized, bodyBytes.length,
                    Credentials.findInBody(request.body()), response.status(), response.detail());
            received.add(r);
            log("step " + r.step() + ": " + r.describe());
            byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", response.contentType());
            ex.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
