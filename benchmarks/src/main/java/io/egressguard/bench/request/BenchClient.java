package io.egressguard.bench.request;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One GET per call through one of the guarded clients, reusing its connection (keep-alive), with an
 * optional {@code Authorization} header. Returns the status; a refused request throws IOException.
 */
abstract class BenchClient {

    static final String JDK_HTTP_CLIENT = "jdk-httpclient";
    static final String URL_CONNECTION = "httpurlconnection";
    static final String OKHTTP = "okhttp";
    static final String APACHE4 = "apache-httpclient4";
    static final String APACHE5 = "apache-httpclient5";
    static final String JETTY = "jetty-httpclient";
    static final String REACTOR_NETTY = "reactor-netty";
    static final String WEBCLIENT = "spring-webclient";
    static final String VERTX = "vertx-webclient";

    abstract int send() throws IOException, InterruptedException;

    /**
     * A reactive client reports a refused request as a runtime exception wrapping the guard's IOException:
     * throws that IOException, so every client fails the same way; else returns {@code e} to be thrown.
     */
    static RuntimeException ioCauseOr(RuntimeException e) throws IOException {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                throw (IOException) c;
            }
        }
        return e;
    }

    /** @param authorization the header value to send, or null for none */
    static BenchClient create(String kind, URI uri, String authorization) {
        switch (kind) {
            case JDK_HTTP_CLIENT: return new JdkHttpClient(uri, authorization);
            case URL_CONNECTION: return new UrlConnection(uri, authorization);
            case OKHTTP: return new OkHttp(uri, authorization);
            case APACHE4: return new Apache4(uri, authorization);
            case APACHE5: return new Apache5(uri, authorization);
            case JETTY: return new Jetty(uri, authorization);
            case REACTOR_NETTY: return new ReactorNetty(uri, authorization);
            case WEBCLIENT: return new SpringWebClient(uri, authorization);
            case VERTX: return new VertxWebClient(uri, authorization);
            default: throw new IllegalArgumentException("unknown client " + kind);
        }
    }

    private static final class JdkHttpClient extends BenchClient {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final HttpRequest request;

        JdkHttpClient(URI uri, String authorization) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            request = b.build();
        }

        @Override
        int send() throws IOException, InterruptedException {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
        }
    }

    private static final class UrlConnection extends BenchClient {
        private final java.net.URL url;
        private final String authorization;

        UrlConnection(URI uri, String authorization) {
            try {
                this.url = uri.toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
            this.authorization = authorization;
        }

        @Override
        int send() throws IOException {
            HttpURLConnection c = (HttpURLConnection) url.openConnection();
            if (authorization != null) {
                c.setRequestProperty("Authorization", authorization);
            }
            int status = c.getResponseCode();
            try (InputStream in = c.getInputStream()) {
                in.readAllBytes(); // read to the end and close: the JDK then keeps the connection alive
            }
            return status;
        }
    }

    private static final class OkHttp extends BenchClient {
        private final OkHttpClient client = new OkHttpClient();
        private final Request request;

        OkHttp(URI uri, String authorization) {
            Request.Builder b = new Request.Builder().url(uri.toString());
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            request = b.build();
        }

        @Override
        int send() throws IOException {
            try (Response r = client.newCall(request).execute()) {
                r.body().bytes();
                return r.code();
            }
        }
    }

    private static final class Apache4 extends BenchClient {
        private final org.apache.http.impl.client.CloseableHttpClient client =
                org.apache.http.impl.client.HttpClients.createDefault();
        private final URI uri;
        private final String authorization;

        Apache4(URI uri, String authorization) {
            this.uri = uri;
            this.authorization = authorization;
        }

        @Override
        int send() throws IOException {
            org.apache.http.client.methods.HttpGet get = new org.apache.http.client.methods.HttpGet(uri);
            if (authorization != null) {
                get.setHeader("Authorization", authorization);
            }
            try (org.apache.http.client.methods.CloseableHttpResponse r = client.execute(get)) {
                org.apache.http.util.EntityUtils.consume(r.getEntity()); // the connection goes back to the pool
                return r.getStatusLine().getStatusCode();
            }
        }
    }

    private static final class Apache5 extends BenchClient {
        private final org.apache.hc.client5.http.impl.classic.CloseableHttpClient client =
                org.apache.hc.client5.http.impl.classic.HttpClients.createDefault();
        private final URI uri;
        private final String authorization;

        Apache5(URI uri, String authorization) {
            this.uri = uri;
            this.authorization = authorization;
        }

        @Override
        int send() throws IOException {
            org.apache.hc.client5.http.classic.methods.HttpGet get = new org.apache.hc.client5.http.classic.methods.HttpGet(uri);
            if (authorization != null) {
                get.setHeader("Authorization", authorization);
            }
            return client.execute(get, response -> {
                org.apache.hc.core5.http.io.entity.EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        }
    }

    private static final class Jetty extends BenchClient {
        private final org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient();
        private final URI uri;
        private final String authorization;

        Jetty(URI uri, String authorization) {
            this.uri = uri;
            this.authorization = authorization;
            try {
                client.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        int send() throws IOException, InterruptedException {
            org.eclipse.jetty.client.Request r = client.newRequest(uri);
            if (authorization != null) {
                r.headers(h -> h.put("Authorization", authorization));
            }
            try {
                return r.send().getStatus();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e);
            }
        }
    }

    private static final class ReactorNetty extends BenchClient {
        private final reactor.netty.http.client.HttpClient client;
        private final String uri;

        ReactorNetty(URI uri, String authorization) {
            this.uri = uri.toString();
            this.client = reactor.netty.http.client.HttpClient.create()
                    .headers(h -> {
                        if (authorization != null) {
                            h.set("Authorization", authorization);
                        }
                    });
        }

        @Override
        int send() throws IOException {
            try {
                Integer status = client.get().uri(uri).responseSingle((response, body) ->
                        body.asByteArray().defaultIfEmpty(new byte[0]).map(b -> response.status().code())).block();
                return status == null ? -1 : status;
            } catch (RuntimeException e) {
                throw ioCauseOr(e);
            }
        }
    }

    private static final class SpringWebClient extends BenchClient {
        private final org.springframework.web.reactive.function.client.WebClient client =
                org.springframework.web.reactive.function.client.WebClient.create();
        private final URI uri;
        private final String authorization;

        SpringWebClient(URI uri, String authorization) {
            this.uri = uri;
            this.authorization = authorization;
        }

        @Override
        int send() throws IOException {
            try {
                Integer status = client.get().uri(uri).headers(h -> {
                    if (authorization != null) {
                        h.set("Authorization", authorization);
                    }
                }).exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())).block();
                return status == null ? -1 : status;
            } catch (RuntimeException e) {
                throw ioCauseOr(e);
            }
        }
    }

    private static final class VertxWebClient extends BenchClient {
        private final io.vertx.ext.web.client.WebClient client =
                io.vertx.ext.web.client.WebClient.create(io.vertx.core.Vertx.vertx());
        private final URI uri;
        private final String authorization;

        VertxWebClient(URI uri, String authorization) {
            this.uri = uri;
            this.authorization = authorization;
        }

        @Override
        int send() throws IOException, InterruptedException {
            io.vertx.ext.web.client.HttpRequest<io.vertx.core.buffer.Buffer> r = client.getAbs(uri.toString());
            if (authorization != null) {
                r.putHeader("Authorization", authorization);
            }
            try {
                return r.send().toCompletionStage().toCompletableFuture().get().statusCode();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
            }
        }
    }
}
