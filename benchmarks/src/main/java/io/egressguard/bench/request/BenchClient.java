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

    abstract int send() throws IOException, InterruptedException;

    /** @param authorization the header value to send, or null for none */
    static BenchClient create(String kind, URI uri, String authorization) {
        switch (kind) {
            case JDK_HTTP_CLIENT: return new JdkHttpClient(uri, authorization);
            case URL_CONNECTION: return new UrlConnection(uri, authorization);
            case OKHTTP: return new OkHttp(uri, authorization);
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
}
