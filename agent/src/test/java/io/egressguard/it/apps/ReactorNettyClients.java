package io.egressguard.it.apps;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.resolver.DefaultAddressResolverGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.transport.ProxyProvider;
import reactor.util.retry.Retry;

/**
 * The {@link HttpScenarios} clients on Reactor Netty: {@code reactor-netty} (HTTP/1.1),
 * {@code reactor-netty-h2} (HTTP/2 where the server offers it over TLS, else HTTP/1.1). Both follow
 * redirects. {@code webclient} is in {@link WebClientClients}, so that these run without Spring.
 */
final class ReactorNettyClients {

    static final HttpClient HTTP11 = withScenarioProxy(HttpClient.create().followRedirect(true)
            .responseTimeout(Duration.ofSeconds(20))
            // names through the JDK's InetAddress (and so -Djdk.net.hosts.file), not Netty's own DNS resolver
            .resolver(DefaultAddressResolverGroup.INSTANCE));
    private static final HttpClient H2 = HTTP11.protocol(HttpProtocol.H2, HttpProtocol.HTTP11).secure();

    private ReactorNettyClients() {}

    /** {@link ScenarioProxy}'s rule in Reactor Netty's terms: only its one host goes through the proxy. */
    private static HttpClient withScenarioProxy(HttpClient client) {
        if (!ScenarioProxy.enabled()) {
            return client;
        }
        return client.proxy(p -> p.type(ProxyProvider.Proxy.HTTP)
                .address(InetSocketAddress.createUnresolved("127.0.0.1", ScenarioProxy.port()))
                .nonProxyHostsPredicate(a -> !(a instanceof InetSocketAddress
                        && ScenarioProxy.isProxied(((InetSocketAddress) a).getHostString()))));
    }

    static String[] send(String client, String method, String url, List<String[]> headers, String body) {
        // Reactor Netty 1.1 refuses H2 without TLS rather than falling back to HTTP/1.1
        HttpClient c = client.endsWith("-h2") && url.startsWith("https:") ? H2 : HTTP11;
        HttpClient.RequestSender sender = c.headers(h -> headers.forEach(kv -> h.add(kv[0], kv[1])))
                .request(HttpMethod.valueOf(method)).uri(URI.create(url));
        HttpClient.ResponseReceiver<?> receiver = body == null ? sender : sender.send(ByteBufMono.fromString(Mono.just(body)));
        // the protocol from the stream's channel: Reactor Netty 1.1 reports HTTP/1.1 as the version of an H2 response
        return receiver.responseConnection((response, connection) -> connection.inbound().receive().aggregate().asString()
                .defaultIfEmpty("").map(text -> new String[] {String.valueOf(response.status().code()), text,
                        connection.channel() instanceof Http2StreamChannel ? "h2" : "http/1.1"}))
                .next().retryWhen(RETRY_DROPPED).block(Duration.ofSeconds(30));
    }

    /**
     * Reactor Netty does not send a request again when the server hangs up after reading it; an application
     * that wants that retries the whole exchange, once, which sends (and so decides) the request anew.
     */
    static final Retry RETRY_DROPPED = Retry.max(1).filter(ReactorNettyClients::droppedBeforeResponse);

    private static boolean droppedBeforeResponse(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PrematureCloseException) {
                return true;
            }
        }
        return false;
    }
}
