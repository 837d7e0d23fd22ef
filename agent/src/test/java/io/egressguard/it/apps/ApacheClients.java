package io.egressguard.it.apps;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The Apache HttpClient calls of {@link HttpScenarios}: {@code apache4} (HttpClient 4.5 classic),
 * {@code apache5} (HttpClient 5 classic) and {@code apache5-async} (HttpClient 5 async, HTTP/2 where
 * the server offers it over TLS); with {@code -stream}, each sends its body as a one-shot stream of
 * unknown length, a few bytes at a time. Only APIs present in the oldest version tested are used. Each client
 * is built lazily, so a child JVM needs only the library it calls.
 */
final class ApacheClients {

    private static org.apache.http.impl.client.CloseableHttpClient apache4;
    private static org.apache.hc.client5.http.impl.classic.CloseableHttpClient apache5;
    private static org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient apache5Async;

    private ApacheClients() {}

    static String[] send(String client, String method, String url, List<String[]> headers, String body) throws Exception {
        switch (client) {
            case "apache4":
                return Apache4.send(method, url, headers, body, false);
            case "apache4-stream":
                return Apache4.send(method, url, headers, body, true);
            case "apache5":
                return Apache5.send(method, url, headers, body, false);
            case "apache5-stream":
                return Apache5.send(method, url, headers, body, true);
            case "apache5-async":
                return Apache5Async.send(method, url, headers, body, false);
            case "apache5-async-stream":
                return Apache5Async.send(method, url, headers, body, true);
            default:
                throw new IllegalArgumentException("unknown client " + client);
        }
    }

    /** HttpClient 4.5 classic. */
    static final class Apache4 {
        static String[] send(String method, String url, List<String[]> headers, String body, boolean stream)
                throws Exception {
            synchronized (ApacheClients.class) {
                if (apache4 == null) {
                    apache4 = org.apache.http.impl.client.HttpClients.custom().useSystemProperties()
                            .setDefaultRequestConfig(org.apache.http.client.config.RequestConfig.custom()
                                    .setConnectTimeout(10000).setSocketTimeout(20000).build())
                            .build();
                }
            }
            org.apache.http.client.methods.RequestBuilder b =
                    org.apache.http.client.methods.RequestBuilder.create(method).setUri(url);
            for (String[] h : headers) {
                b.addHeader(h[0], h[1]);
            }
            if (body != null && stream) {
                b.setEntity(new org.apache.http.entity.InputStreamEntity(new HttpScenarios.SlowInput(utf8(body)), -1,
                        org.apache.http.entity.ContentType.APPLICATION_JSON));
            } else if (body != null) {
                b.setEntity(new org.apache.http.entity.StringEntity(body,
                        org.apache.http.entity.ContentType.APPLICATION_JSON));
            }
            try (org.apache.http.client.methods.CloseableHttpResponse r = apache4.execute(b.build())) {
                String text = r.getEntity() == null ? "" : org.apache.http.util.EntityUtils.toString(r.getEntity());
                return new String[] {String.valueOf(r.getStatusLine().getStatusCode()), text, "http/1.1"};
            }
        }
    }

    /** HttpClient 5 classic. */
    static final class Apache5 {
        static String[] send(String method, String url, List<String[]> headers, String body, boolean stream)
                throws Exception {
            synchronized (ApacheClients.class) {
                if (apache5 == null) {
                    apache5 = org.apache.hc.client5.http.impl.classic.HttpClients.createSystem();
                }
            }
            org.apache.hc.client5.http.classic.methods.HttpUriRequestBase request =
                    new org.apache.hc.client5.http.classic.methods.HttpUriRequestBase(method, URI.create(url));
            for (String[] h : headers) {
                request.addHeader(h[0], h[1]);
            }
            if (body != null && stream) {
                request.setEntity(new org.apache.hc.core5.http.io.entity.InputStreamEntity(
                        new HttpScenarios.SlowInput(utf8(body)), -1, org.apache.hc.core5.http.ContentType.APPLICATION_JSON));
            } else if (body != null) {
                request.setEntity(new org.apache.hc.core5.http.io.entity.StringEntity(body,
                        org.apache.hc.core5.http.ContentType.APPLICATION_JSON));
            }
            try (org.apache.hc.client5.http.impl.classic.CloseableHttpResponse r = apache5.execute(request)) {
                String text = r.getEntity() == null ? "" : org.apache.hc.core5.http.io.entity.EntityUtils.toString(r.getEntity());
                return new String[] {String.valueOf(r.getCode()), text, "http/1.1"};
            }
        }
    }

    /** HttpClient 5 async; ALPN picks HTTP/2 when the server offers it. */
    static final class Apache5Async {
        static String[] send(String method, String url, List<String[]> headers, String body, boolean stream)
                throws Exception {
            synchronized (ApacheClients.class) {
                if (apache5Async == null) {
                    // as createSystem(), but a connection closed before the response is retried once, at once:
                    // the default strategy counts ConnectionClosedException as not worth a retry
                    apache5Async = org.apache.hc.client5.http.impl.async.HttpAsyncClients.custom().useSystemProperties()
                            .setRetryStrategy(new RetryDropped()).build();
                    apache5Async.start();
                }
            }
            org.apache.hc.client5.http.async.methods.SimpleHttpRequest request =
                    new org.apache.hc.client5.http.async.methods.SimpleHttpRequest(method, URI.create(url));
            for (String[] h : headers) {
                request.addHeader(h[0], h[1]);
            }
            if (body != null) {
                request.setBody(body, org.apache.hc.core5.http.ContentType.APPLICATION_JSON);
            }
            org.apache.hc.client5.http.async.methods.SimpleHttpResponse r;
            try {
                if (stream && body != null) {
                    org.apache.hc.core5.http.nio.AsyncRequestProducer producer =
                            new org.apache.hc.core5.http.nio.support.BasicRequestProducer(request, new TrickleProducer(utf8(body)));
                    r = apache5Async.execute(producer,
                            org.apache.hc.client5.http.async.methods.SimpleResponseConsumer.create(), null)
                            .get(30, TimeUnit.SECONDS);
                } else {
                    r = apache5Async.execute(request, null).get(30, TimeUnit.SECONDS);
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
            }
            String text = r.getBodyText() == null ? "" : r.getBodyText();
            String protocol = r.getVersion() != null && r.getVersion().getMajor() == 2 ? "h2" : "http/1.1";
            return new String[] {String.valueOf(r.getCode()), text, protocol};
        }
    }

    /** Retries an idempotent request once when the connection drops before the response (classic and async). */
    static final class RetryDropped extends org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy {
        RetryDropped() {
            super(1, org.apache.hc.core5.util.TimeValue.ZERO_MILLISECONDS, java.util.List.of(
                    java.io.InterruptedIOException.class, java.net.UnknownHostException.class, java.net.ConnectException.class,
                    javax.net.ssl.SSLException.class), java.util.List.of());
        }
    }

    /** A one-shot body of unknown length that gives the connection 5 bytes per call. */
    static final class TrickleProducer implements org.apache.hc.core5.http.nio.AsyncEntityProducer {
        private final java.nio.ByteBuffer bytes;

        TrickleProducer(byte[] body) {
            this.bytes = java.nio.ByteBuffer.wrap(body);
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }

        @Override
        public void failed(Exception cause) {
            // nothing to clean up
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public String getContentType() {
            return "application/json";
        }

        @Override
        public String getContentEncoding() {
            return null;
        }

        @Override
        public boolean isChunked() {
            return true;
        }

        @Override
        public java.util.Set<String> getTrailerNames() {
            return null;
        }

        @Override
        public synchronized int available() {
            return Math.min(5, bytes.remaining());
        }

        @Override
        public synchronized void produce(org.apache.hc.core5.http.nio.DataStreamChannel channel) throws java.io.IOException {
            if (bytes.hasRemaining()) {
                java.nio.ByteBuffer piece = bytes.duplicate();
                piece.limit(piece.position() + Math.min(5, bytes.remaining()));
                bytes.position(bytes.position() + channel.write(piece));
            }
            if (!bytes.hasRemaining()) {
                channel.endStream();
            }
        }

        @Override
        public void releaseResources() {
            // one-shot
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
