package io.egressguard.it.apps;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/**
 * The proxy set-up of the scenario application, as a user would have it: with
 * {@code -Dscenarios.proxyPort=N}, requests to the one host {@link #PROXIED_HOST} go through the HTTP
 * proxy at 127.0.0.1:N, every other request goes direct. Clients that take a {@link ProxySelector}
 * (HttpURLConnection and OkHttp through the default selector, Apache HttpClient through its system route
 * planner, the JDK HttpClient through its builder) use {@link #SELECTOR}; Reactor Netty, Jetty and Vert.x
 * are given the same rule in their own terms.
 */
public final class ScenarioProxy {

    /** The only host reached through the proxy; the proxy knows where it is, the child JVM does not. */
    public static final String PROXIED_HOST = "target.proxied";

    private static final Integer PORT = Integer.getInteger("scenarios.proxyPort");

    public static final ProxySelector SELECTOR = new ProxySelector() {
        @Override
        public List<Proxy> select(URI uri) {
            return isProxied(uri.getHost()) ? List.of(proxy()) : List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            // nothing to remember
        }
    };

    private ScenarioProxy() {}

    /** Makes {@link #SELECTOR} the JVM's default, where the clients that read the default find it. */
    static void install() {
        if (PORT != null) {
            ProxySelector.setDefault(SELECTOR);
        }
    }

    static boolean enabled() {
        return PORT != null;
    }

    static int port() {
        return PORT;
    }

    static boolean isProxied(String host) {
        return PORT != null && PROXIED_HOST.equalsIgnoreCase(host);
    }

    private static Proxy proxy() {
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("127.0.0.1", PORT));
    }
}
