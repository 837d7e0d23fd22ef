package io.egressguard.it.apps;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@link HttpScenarios} clients on Vert.x's {@code WebClient} (4.5 and 5.0 alike; it sends through
 * the core {@code HttpClient}), following redirects: {@code vertx} (HTTP/1.1) and {@code vertx-h2}
 * (HTTP/2 where TLS negotiates it, else HTTP/1.1).
 */
final class VertxClients {

    private static Vertx vertx;
    private static WebClient http11;
    private static WebClient h2;

    private VertxClients() {}

    static String[] send(String client, String method, String url, List<String[]> headers, String body) throws Exception {
        HttpRequest<Buffer> request = client(client.equals("vertx-h2")).requestAbs(HttpMethod.valueOf(method), url)
                .timeout(20_000);
        headers.forEach(kv -> request.putHeader(kv[0], kv[1]));
        HttpResponse<Buffer> response = (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        String text = response.bodyAsString();
        return new String[] {String.valueOf(response.statusCode()), text == null ? "" : text,
                response.version() == HttpVersion.HTTP_2 ? "h2" : "http/1.1"};
    }

    private static synchronized WebClient client(boolean useH2) {
        if (vertx == null) {
            vertx = Vertx.vertx();
            http11 = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(true));
            h2 = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(true)
                    .setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true));
        }
        return useH2 ? h2 : http11;
    }
}
