package io.egressguard.it.apps;

import io.egressguard.bootstrap.Guard;
import io.egressguard.bootstrap.JdkBridge;
import io.egressguard.bootstrap.OutboundRequest;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Application code that tries to obtain a real credential from the guard without reflection, by
 * calling the public hook classes itself. Each attempt prints {@code GOT-CREDENTIAL} if anything
 * came back other than the handle it sent, {@code REFUSED} otherwise.
 */
public final class SecretExtractionApp {

    private SecretExtractionApp() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String handle = args[1];
        URI uri = URI.create(url);

        // 1. the generic hook
        OutboundRequest r = Guard.begin("app");
        try {
            r.method("GET").target(uri).header("Authorization", "Bearer " + handle);
            Guard.decide(r);
            report("guard", r.headerValue(0), handle);
        } catch (java.io.IOException e) {
            System.out.println("REFUSED guard");
        } finally {
            Guard.end(r);
        }

        // 2. the JDK HttpClient bridge, with a guessed key
        try {
            HttpRequest req = HttpRequest.newBuilder(uri).build();
            HttpHeaders h = HttpHeaders.of(Map.of("Authorization", List.of("Bearer " + handle)), (a, b) -> true);
            Object[] out = JdkBridge.httpClientHttp1(42L, req, h, null);
            report("jdk-bridge", out == null ? "Bearer " + handle
                    : ((HttpHeaders) out[0]).firstValue("Authorization").orElse(""), handle);
        } catch (java.io.IOException e) {
            System.out.println("REFUSED jdk-bridge");
        }

        // 3. OkHttp's guard interceptor, driven with a chain of our own
        OkHttpClient client = new OkHttpClient();
        Interceptor guard = client.networkInterceptors().get(client.networkInterceptors().size() - 1);
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + handle).build();
        Request[] seen = new Request[1];
        Interceptor.Chain fake = new Interceptor.Chain() {
            @Override public Request request() { return request; }
            @Override public Response proceed(Request q) { seen[0] = q; throw new IllegalStateException("captured"); }
            @Override public Connection connection() { return null; }
            @Override public Call call() { return null; }
            @Override public int connectTimeoutMillis() { return 0; }
            @Override public Interceptor.Chain withConnectTimeout(int t, TimeUnit u) { return this; }
            @Override public int readTimeoutMillis() { return 0; }
            @Override public Interceptor.Chain withReadTimeout(int t, TimeUnit u) { return this; }
            @Override public int writeTimeoutMillis() { return 0; }
            @Override public Interceptor.Chain withWriteTimeout(int t, TimeUnit u) { return this; }
        };
        try {
            guard.intercept(fake);
        } catch (java.io.IOException | IllegalStateException e) {
            // either refused, or our chain threw after capturing
        }
        if (seen[0] == null) {
            System.out.println("REFUSED okhttp-interceptor");
        } else {
            report("okhttp-interceptor", seen[0].header("Authorization"), handle);
        }
    }

    private static void report(String avenue, String value, String handle) {
        System.out.println((("Bearer " + handle).equals(value) ? "REFUSED " : "GOT-CREDENTIAL ") + avenue);
    }
}
