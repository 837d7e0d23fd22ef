package io.egressguard.it.apps;

import java.io.EOFException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;

/**
 * The {@link HttpScenarios} clients on Jetty's {@code HttpClient} 12, all following redirects:
 * {@code jetty} (HTTP/1.1, blocking {@code send()}), {@code jetty-async} (HTTP/1.1, a response listener)
 * and {@code jetty-h2} (HTTP/2 where TLS negotiates it, else HTTP/1.1). With {@code -Dscenarios.proxyPort},
 * requests to {@link ScenarioProxy#PROXIED_HOST} go through that proxy.
 */
final class JettyClients {

    private static HttpClient http11;
    private static HttpClient dynamic;

    private JettyClients() {}

    static String[] send(String client, String method, String url, List<String[]> headers, String body) throws Exception {
        try {
            return sendOnce(client, method, url, headers, body);
        } catch (Exception e) {
            if (!droppedBeforeResponse(e)) {
                throw e;
            }
            // Jetty does not send a request again when the server hangs up after reading it; an application that
            // wants that sends the exchange anew, once (a Jetty request is sent only once, so a new one is built)
            return sendOnce(client, method, url, headers, body);
        }
    }

    /** The server closed the connection, and nothing else failed (a write that failed is an EOF with a cause). */
    private static boolean droppedBeforeResponse(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EOFException && c.getCause() == null) {
                return true;
            }
        }
        return false;
    }

    private static String[] sendOnce(String client, String method, String url, List<String[]> headers, String body)
            throws Exception {
        Request request = client(client.equals("jetty-h2")).newRequest(url).method(method)
                .timeout(20, TimeUnit.SECONDS);
        request.headers(h -> headers.forEach(kv -> h.add(kv[0], kv[1])));
        if (body != null) {
            request.body(new StringRequestContent("application/json", body));
        }
        if (client.equals("jetty-async")) {
            CompletableFuture<String[]> done = new CompletableFuture<>();
            request.send(new BufferingResponseListener() {
                @Override
                public void onComplete(org.eclipse.jetty.client.Result result) {
                    if (result.isFailed()) {
                        done.completeExceptionally(result.getFailure());
                    } else {
                        done.complete(new String[] {String.valueOf(result.getResponse().getStatus()), getContentAsString(),
                                protocol(result.getResponse().getVersion())});
                    }
                }
            });
            return done.get(30, TimeUnit.SECONDS);
        }
        ContentResponse response = request.send();
        return new String[] {String.valueOf(response.getStatus()), response.getContentAsString(),
                protocol(response.getVersion())};
    }

    private static String protocol(HttpVersion version) {
        return version == HttpVersion.HTTP_2 ? "h2" : "http/1.1";
    }

    private static synchronized HttpClient client(boolean h2) throws Exception {
        if (h2) {
            if (dynamic == null) {
                ClientConnector connector = new ClientConnector();
                HTTP2Client http2 = new HTTP2Client(connector);
                dynamic = start(new HttpClient(new HttpClientTransportDynamic(connector,
                        HttpClientConnectionFactory.HTTP11, new ClientConnectionFactoryOverHTTP2.HTTP2(http2))));
            }
            return dynamic;
        }
        if (http11 == null) {
            http11 = start(new HttpClient());
        }
        return http11;
    }

    private static HttpClient start(HttpClient c) throws Exception {
        c.setFollowRedirects(true);
        if (ScenarioProxy.enabled()) {
            // ScenarioProxy's rule in Jetty's terms: a proxy that only its one host goes through
            HttpProxy proxy = new HttpProxy("127.0.0.1", ScenarioProxy.port());
            proxy.getIncludedAddresses().add(ScenarioProxy.PROXIED_HOST);
            c.getProxyConfiguration().addProxy(proxy);
        }
        c.start();
        return c;
    }
}
