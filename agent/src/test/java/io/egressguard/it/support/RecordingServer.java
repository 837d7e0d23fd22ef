package io.egressguard.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * A real HTTP server on loopback (OkHttp's MockWebServer) that records every request it receives.
 * a path ending in {@code /redirect} with {@code ?to=URL&code=N} answers with a redirect; a path ending in
 * {@code /flaky} drops the connection after reading the first request to it, then answers; every other path answers 200 {@code ok}.
 * The response never echoes what the request carried, so no secret reaches the child's output.
 */
public final class RecordingServer implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    private final String host;
    private final java.util.Set<String> failedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private RecordingServer(String host, boolean tls, boolean http2) throws IOException {
        this(host, tls, http2, 0);
    }

    private RecordingServer(String host, boolean tls, boolean http2, int port) throws IOException {
        this.host = host;
        if (tls) {
            server.useHttps(TlsFixture.get().serverCertificates().sslSocketFactory(), false);
            server.setProtocols(http2 ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1) : List.of(Protocol.HTTP_1_1));
        }
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                received.add(request);
                HttpUrl url = request.getRequestUrl();
                if (url != null && url.encodedPath().endsWith("/redirect")) {
                    String to = URLDecoder.decode(url.queryParameter("to"), StandardCharsets.UTF_8);
                    String code = url.queryParameter("code");
                    return new MockResponse().setResponseCode(code == null ? 302 : Integer.parseInt(code))
                            .setHeader("Location", to).setBody("moved");
                }
                if (url != null && url.encodedPath().endsWith("/flaky") && failedOnce.add(url.encodedPath())) {
                    // read the whole request, then hang up without a response: the client sees a dropped connection
                    return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
                }
                return new MockResponse().setResponseCode(200).setBody("ok");
            }
        });
        server.start(InetAddress.getByName(host), port);
    }

    public static RecordingServer http() throws IOException {
        return new RecordingServer("127.0.0.1", false, false);
    }

    public static RecordingServer https() throws IOException {
        return new RecordingServer("127.0.0.1", true, false);
    }

    public static RecordingServer http2() throws IOException {
        return new RecordingServer("127.0.0.1", true, true);
    }

    public static RecordingServer on(String host, boolean tls) throws IOException {
        return new RecordingServer(host, tls, false);
    }

    /** A plain or TLS server on {@code host} at a given port, e.g. 127.0.0.2 on the port another server has on 127.0.0.1. */
    public static RecordingServer on(String host, boolean tls, int port) throws IOException {
        return new RecordingServer(host, tls, false, port);
    }

    public int port() {
        return server.getPort();
    }

    public String host() {
        return host;
    }

    /** {@code scheme://host:port} followed by {@code path}. */
    public String url(String path) {
        String scheme = server.url("/").scheme();
        String h = host.contains(":") ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + port() + path;
    }

    /** Requests received so far whose path (without query) is {@code path}. */
    public List<RecordedRequest> requestsTo(String path) {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r : received) {
            HttpUrl u = r.getRequestUrl();
            if (u != null && u.encodedPath().equals(path)) {
                out.add(r);
            }
        }
        return out;
    }

    public List<RecordedRequest> all() {
        return new ArrayList<>(received);
    }

    public void clear() {
        received.clear();
    }

    /** True when any request this server received carried {@code text} anywhere (line, headers, body). */
    public boolean anyRequestContains(String text) {
        for (RecordedRequest r : received) {
            if (r.getRequestLine().contains(text) || r.getHeaders().toString().contains(text)
                    || r.getBody().clone().readUtf8().contains(text)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
