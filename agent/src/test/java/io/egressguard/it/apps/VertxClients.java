package io.egressguard.it.apps;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The {@link HttpScenarios} clients on Vert.x's {@code WebClient} (4.5 and 5.0 alike; it sends through
 * the core {@code HttpClient}), following redirects: {@code vertx} (HTTP/1.1) and {@code vertx-h2}
 * (HTTP/2 where TLS negotiates it, else HTTP/1.1). Names are looked up through the JDK's
 * {@code InetAddress} (and so {@code -Djdk.net.hosts.file}); with {@code -Dscenarios.proxyPort}, requests
 * to {@link ScenarioProxy#PROXIED_HOST} go through that proxy.
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
        if (ScenarioProxy.isProxied(hostOf(url))) {
            // ScenarioProxy's rule in Vert.x's terms: the proxy for this one request only
            request.proxy(new ProxyOptions().setType(ProxyType.HTTP).setHost("127.0.0.1").setPort(ScenarioProxy.port()));
        }
        HttpResponse<Buffer> response;
        try {
            response = sendOnce(request, body);
        } catch (ExecutionException e) {
            if (!droppedBeforeResponse(e)) {
                throw e;
            }
            // Vert.x does not send a request again when the server hangs up after reading it; an application that
            // wants that sends the exchange anew, once (a WebClient request may be sent again as it is)
            response = sendOnce(request, body);
        }
        String text = response.bodyAsString();
        return new String[] {String.valueOf(response.statusCode()), text == null ? "" : text,
                response.version() == HttpVersion.HTTP_2 ? "h2" : "http/1.1"};
    }

    private static HttpResponse<Buffer> sendOnce(HttpRequest<Buffer> request, String body) throws Exception {
        return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static boolean droppedBeforeResponse(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    /** The URL's host, or {@code null} where java.net.URI finds none (a Unicode name, say). */
    private static String hostOf(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static synchronized WebClient client(boolean useH2) {
        if (vertx == null) {
            // Vert.x resolves names with Netty's own DNS resolver, which reads /etc/hosts but not the JDK's
            // hosts file; the scenario hosts exist only there. Read when the Vert.x instance is created (4.5 and 5.0).
            System.setProperty("vertx.disableDnsResolver", "true");
            vertx = Vertx.vertx();
            http11 = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(true));
            h2 = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(true)
                    .setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true));
        }
        return useH2 ? h2 : http11;
    }
}
