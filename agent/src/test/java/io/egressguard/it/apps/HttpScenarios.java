package io.egressguard.it.apps;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * A plain application, run in a child JVM with the agent attached, that sends the requests a test
 * lists, each through the HTTP client the test names, and prints one result line per request. It
 * knows nothing about Egress Guard: it only ever holds handles.
 *
 * <p>Input: a file with one request per line, fields separated by tabs and URL-encoded:
 * {@code id client method url headers body}, where headers are {@code name:value} lines and body
 * is {@code -} for none. Output: {@code RESULT id OK status responseBody} or
 * {@code RESULT id ERROR exceptionChain message}, fields URL-encoded.
 */
public final class HttpScenarios {

    private static final HttpClient JDK = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10))
            .proxy(ScenarioProxy.SELECTOR).build();
    private static final HttpClient JDK_H2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10))
            .proxy(ScenarioProxy.SELECTOR).build();
    private static OkHttpClient okhttp;

    private HttpScenarios() {}

    public static void main(String[] args) throws Exception {
        runFile(args[0]);
        System.out.flush();
        System.exit(0);
    }

    /** Sends every request the file lists, one after the other, and prints a result line for each. */
    static void runFile(String file) throws Exception {
        ScenarioProxy.install();
        List<String> lines = Files.readAllLines(Paths.get(file), StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String id = dec(f[0]);
            String client = dec(f[1]);
            String method = dec(f[2]);
            String url = dec(f[3]);
            List<String[]> headers = new ArrayList<>();
            for (String h : dec(f[4]).split("\n")) {
                int c = h.indexOf(':');
                if (c > 0) {
                    headers.add(new String[] {h.substring(0, c), h.substring(c + 1)});
                }
            }
            String body = f[5].equals("-") ? null : dec(f[5]);
            String result;
            try {
                String[] r = send(client, method, url, headers, body);
                result = "OK\t" + enc(r[0]) + "\t" + enc(r[1]) + "\t" + enc(r.length > 2 ? r[2] : "");
            } catch (Throwable t) {
                StringBuilder chain = new StringBuilder();
                String message = null;
                for (Throwable c = t; c != null; c = c.getCause()) {
                    if (chain.length() > 0) {
                        chain.append(',');
                    }
                    chain.append(c.getClass().getName());
                    if (message == null && c.getClass().getName().endsWith("EgressBlockedException")) {
                        message = c.getMessage();
                    }
                }
                result = "ERROR\t" + enc(chain.toString()) + "\t" + enc(message != null ? message : String.valueOf(t.getMessage()));
            }
            System.out.println("RESULT\t" + enc(id) + "\t" + result);
        }
    }

    static String[] send(String client, String method, String url, List<String[]> headers, String body) throws Exception {
        switch (client) {
            case "huc":
                return huc(method, url, headers, body, 0);
            case "huc-fixed":
                return huc(method, url, headers, body, 1);
            case "huc-chunked":
                return huc(method, url, headers, body, 2);
            case "jdk":
                return jdk(JDK, method, url, headers, body, false, false);
            case "jdk-async":
                return jdk(JDK, method, url, headers, body, true, false);
            case "jdk-stream":
                return jdk(JDK, method, url, headers, body, false, true);
            case "jdk-h2":
                return jdk(JDK_H2, method, url, headers, body, false, false);
            case "okhttp":
                return okhttp(method, url, headers, body, false, false);
            case "okhttp-async":
                return okhttp(method, url, headers, body, true, false);
            case "okhttp-stream":
                return okhttp(method, url, headers, body, false, true);
            case "reactor-netty": case "reactor-netty-h2":
                return ReactorNettyClients.send(client, method, url, headers, body);
            case "webclient":
                return WebClientClients.send(method, url, headers, body);
            case "spring-restclient-jdk": case "spring-resttemplate-apache":
                return SpringClients.send(client, method, url, headers, body);
            case "apache4": case "apache4-stream": case "apache5": case "apache5-stream": case "apache5-async": case "apache5-async-stream": return ApacheClients.send(client, method, url, headers, body);
            case "okhttp3": return OkHttp3Clients.send(method, url, headers, body);
            case "jetty": case "jetty-async": case "jetty-h2":
                return JettyClients.send(client, method, url, headers, body);
            case "vertx": case "vertx-h2":
                return VertxClients.send(client, method, url, headers, body);
            default:
                throw new IllegalArgumentException("unknown client " + client);
        }
    }

    /** mode 0: buffered body; 1: fixed-length streaming; 2: chunked streaming in 7-byte chunks. */
    private static String[] huc(String method, String url, List<String[]> headers, String body, int mode) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(10000);
        c.setReadTimeout(20000);
        for (String[] h : headers) {
            c.addRequestProperty(h[0], h[1]);
        }
        if (body != null) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            c.setDoOutput(true);
            if (mode == 1) {
                c.setFixedLengthStreamingMode(b.length);
            } else if (mode == 2) {
                c.setChunkedStreamingMode(7);
            }
            try (OutputStream out = c.getOutputStream()) {
                for (int i = 0; i < b.length; i += 7) {
                    out.write(b, i, Math.min(7, b.length - i));
                }
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {String.valueOf(status), text, "http/1.1"};
    }

    private static String[] jdk(HttpClient client, String method, String url, List<String[]> headers, String body,
            boolean async, boolean stream) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        for (String[] h : headers) {
            b.header(h[0], h[1]);
        }
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (stream) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new SlowInput(bytes));
        } else {
            publisher = HttpRequest.BodyPublishers.ofString(body);
        }
        b.method(method, publisher);
        HttpRequest request = b.build();
        HttpResponse<String> r;
        if (async) {
            CompletableFuture<HttpResponse<String>> f = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            try {
                r = f.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
            }
        } else {
            r = client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        return new String[] {String.valueOf(r.statusCode()), r.body(), r.version() == HttpClient.Version.HTTP_2 ? "h2" : "http/1.1"};
    }

    private static synchronized OkHttpClient okhttp() {
        if (okhttp == null) {
            okhttp = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(20)).build();
        }
        return okhttp;
    }

    private static String[] okhttp(String method, String url, List<String[]> headers, String body, boolean async,
            boolean stream) throws Exception {
        Request.Builder b = new Request.Builder().url(url);
        for (String[] h : headers) {
            b.addHeader(h[0], h[1]);
        }
        RequestBody rb = null;
        if (body != null) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            MediaType type = MediaType.get("application/json; charset=utf-8");
            rb = stream ? new StreamingBody(bytes, type) : RequestBody.create(bytes, type);
        }
        b.method(method, rb);
        Call call = okhttp().newCall(b.build());
        if (!async) {
            try (Response r = call.execute()) {
                return new String[] {String.valueOf(r.code()), r.body() == null ? "" : r.body().string(), r.protocol().toString()};
            }
        }
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Object> result = new AtomicReference<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                result.set(e);
                done.countDown();
            }

            @Override
            public void onResponse(Call c, Response r) throws IOException {
                try (Response rr = r) {
                    result.set(new String[] {String.valueOf(rr.code()), rr.body() == null ? "" : rr.body().string(), rr.protocol().toString()});
                }
                done.countDown();
            }
        });
        done.await();
        if (result.get() instanceof IOException) {
            throw (IOException) result.get();
        }
        return (String[]) result.get();
    }

    /** A body of unknown length written in small pieces, like a streamed upload. */
    static final class StreamingBody extends RequestBody {
        private final byte[] bytes;
        private final MediaType type;

        StreamingBody(byte[] bytes, MediaType type) {
            this.bytes = bytes;
            this.type = type;
        }

        @Override
        public MediaType contentType() {
            return type;
        }

        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            for (int i = 0; i < bytes.length; i += 5) {
                sink.write(bytes, i, Math.min(5, bytes.length - i));
                sink.flush();
            }
        }
    }

    /** Returns at most 5 bytes per read, so the body crosses several buffers. */
    static final class SlowInput extends ByteArrayInputStream {
        SlowInput(byte[] b) {
            super(b);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 5));
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
