package io.egressguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressguard.it.support.Canaries;
import io.egressguard.it.support.ChildJvm;
import io.egressguard.it.support.GuardFixture;
import io.egressguard.it.support.RecordingServer;
import io.egressguard.it.support.Scenarios;
import io.egressguard.it.support.TlsFixture;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard's promises, for every client of this release, each in a child JVM with the agent attached,
 * the real client library and real loopback servers: the real token reaches only the allowed API;
 * handles elsewhere (other host, other path, body, query) and real secrets to other hosts are blocked;
 * set-header injection; redirects decided per hop; HTTPS with a self-signed certificate; HTTP/2.
 */
class ClientGuardIT {

    private static RecordingServer api;      // http, the allowed API
    private static RecordingServer other;    // http, another origin (an attacker, or a redirect target)
    private static RecordingServer tls;      // https, HTTP/1.1
    private static RecordingServer h2;       // https, HTTP/2 and HTTP/1.1
    private static GuardFixture guard;

    private static final String GITHUB = GuardFixture.handle("github");
    private static final String OPENAI = GuardFixture.handle("openai");

    @BeforeAll
    static void start() throws Exception {
        api = RecordingServer.http();
        other = RecordingServer.http();
        tls = RecordingServer.https();
        h2 = RecordingServer.http2();
        guard = GuardFixture.create()
                .secret("github", Canaries.GITHUB)
                .secret("internal", Canaries.INTERNAL)
                .secret("openai", Canaries.OPENAI)
                .rules("version: 1\n"
                        + "secrets:\n"
                        + "  - name: github\n"
                        + "    allow:\n"
                        + "      - host: 127.0.0.1\n"
                        + "        scheme: http\n"
                        + "        port: " + api.port() + "\n"
                        + "        paths: [\"/repos/**\"]\n"
                        + "        methods: [GET]\n"
                        + "      - host: 127.0.0.1\n"
                        + "        port: " + tls.port() + "\n"
                        + "        paths: [\"/repos/**\"]\n"
                        + "      - host: 127.0.0.1\n"
                        + "        port: " + h2.port() + "\n"
                        + "        paths: [\"/repos/**\"]\n"
                        + "    inject:\n"
                        + "      replace-handle-in: [Authorization, X-Github-Token]\n"
                        + "  - name: internal\n"
                        + "    allow:\n"
                        + "      - host: 127.0.0.1\n"
                        + "        scheme: http\n"
                        + "        port: " + api.port() + "\n"
                        + "        paths: [\"/internal/**\"]\n"
                        + "    inject:\n"
                        + "      set-header: X-Api-Key\n"
                        + "      format: template\n"
                        + "      template: \"key {secret}\"\n"
                        + "  - name: openai\n"
                        + "    allow:\n"
                        + "      - host: 127.0.0.1\n"
                        + "        port: " + api.port() + "\n"
                        + "    inject:\n"
                        + "      replace-handle-in: [Authorization]\n");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        other.close();
        tls.close();
        h2.close();
        guard.close();
    }

    /** client name in {@code HttpScenarios}, library set on the class path, whether it speaks HTTP/2. */
    static Stream<Arguments> clients() {
        return Stream.of(
                Arguments.of("huc", "okhttp-4.12.0", false),
                Arguments.of("jdk", "okhttp-4.12.0", false),
                Arguments.of("jdk-async", "okhttp-4.12.0", false),
                Arguments.of("jdk-h2", "okhttp-4.12.0", true),
                Arguments.of("okhttp", "okhttp-4.9.3", true),
                Arguments.of("okhttp", "okhttp-4.12.0", true),
                Arguments.of("okhttp-async", "okhttp-4.12.0", true),
                Arguments.of("okhttp", "okhttp-5.5.1", true),
                Arguments.of("reactor-netty", "reactor-netty-1.1.0", false),
                Arguments.of("reactor-netty-h2", "reactor-netty-1.1.0", true),
                Arguments.of("reactor-netty", "reactor-netty-1.3.7", false),
                Arguments.of("reactor-netty-h2", "reactor-netty-1.3.7", true),
                Arguments.of("webclient", "webflux-6.0.0", false),
                Arguments.of("webclient", "webflux-6.2.19", false),
                Arguments.of("webclient", "webflux-6.2.19-netty-1.3.7", false),
                Arguments.of("okhttp3", "okhttp-3.12.13", true),
                Arguments.of("okhttp3", "okhttp-3.14.9", true),
                // "+okhttp-4.12.0": HttpScenarios itself links against OkHttp
                Arguments.of("apache4", "apache-httpclient-4.5+okhttp-4.12.0", false),
                Arguments.of("apache4", "apache-httpclient-4.5.14+okhttp-4.12.0", false),
                Arguments.of("apache5", "apache-httpclient5-5.0.4+okhttp-4.12.0", false),
                Arguments.of("apache5", "apache-httpclient5-5.6.1+okhttp-4.12.0", false),
                // 5.0.x does not negotiate HTTP/2 with this server over ALPN: it reads the h2 preface as HTTP/1.1
                Arguments.of("apache5-async", "apache-httpclient5-5.0.4+okhttp-4.12.0", false),
                Arguments.of("apache5-async", "apache-httpclient5-5.6.1+okhttp-4.12.0", true),
                // Spring's RestClient and RestTemplate are guarded through their transport
                Arguments.of("spring-restclient-jdk", "spring-web-6.1.0+okhttp-4.12.0", false),
                Arguments.of("spring-restclient-jdk", "spring-web-7.0.10+okhttp-4.12.0", false),
                Arguments.of("spring-resttemplate-apache", "spring-web-6.1.0+apache-httpclient5-5.6.1+okhttp-4.12.0", false),
                Arguments.of("spring-resttemplate-apache", "spring-web-7.0.10+apache-httpclient5-5.6.1+okhttp-4.12.0", false),
                Arguments.of("jetty", "jetty-12.0.16", false),
                Arguments.of("jetty-h2", "jetty-12.0.16", true),
                Arguments.of("jetty", "jetty-12.1.14", false),
                Arguments.of("jetty-async", "jetty-12.1.14", false),
                Arguments.of("jetty-h2", "jetty-12.1.14", true),
                Arguments.of("vertx", "vertx-4.5.27", false),
                Arguments.of("vertx-h2", "vertx-4.5.27", true),
                Arguments.of("vertx", "vertx-5.0.7", false),
                Arguments.of("vertx-h2", "vertx-5.0.7", true));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("clients")
    void guardsEveryHop(String client, String libs, boolean http2) {
        String tag = libs.replace('+', '_'); // one library set or several, as a path segment
        String p = "/repos/" + client + "-" + tag;
        Map<String, String> auth = Map.of("Authorization", "Bearer " + GITHUB);
        // Jetty drops Authorization on every redirect, so its hops carry the handle in a header it keeps
        String redirectHeader = client.startsWith("jetty") ? "X-Github-Token" : "Authorization";
        Map<String, String> redirectAuth = Map.of(redirectHeader, "Bearer " + GITHUB);
        Scenarios s = new Scenarios()
                .get("allowed", client, api.url(p + "/allowed"), auth)
                .get("path-denied", client, api.url("/admin/" + client + tag), auth)
                .get("other-host", client, other.url(p + "/other-host"), auth)
                .post("body", client, api.url(p + "/body"), Map.of(), "{\"token\":\"" + GITHUB + "\"}")
                .get("query", client, api.url(p + "/query?access_token=" + GITHUB), Map.of())
                .get("set-header", client, api.url("/internal/" + client + tag), Map.of())
                .get("set-header-over-handle", client, api.url("/internal/handle-" + client + tag),
                        Map.of("X-Api-Key", GuardFixture.handle("internal")))
                .get("redirect-same", client, api.url(p + "/redirect?to=" + enc(api.url(p + "/after-redirect"))), redirectAuth)
                .get("redirect-cross", client, api.url(p + "/redirect?to=" + enc(other.url(p + "/landing"))), redirectAuth)
                .get("https", client, tls.url(p + "/tls"), auth)
                .get("plain-http", client, api.url(p + "/plain"), Map.of("Authorization", "Bearer " + OPENAI))
                .get("real-secret-elsewhere", client, other.url(p + "/collect"), Map.of("X-Data", Canaries.OPENAI));
        if (http2) {
            s.get("http2", client, h2.url(p + "/h2"), auth);
        }
        ChildJvm child = ChildJvm.java().agent(guard.agentOptions()).testClasses();
        for (String set : libs.split("\\+")) {
            child.libs(set);
        }
        child
                .jvmArg(TlsFixture.get().childTrustArgs()[0]).jvmArg(TlsFixture.get().childTrustArgs()[1])
                .jvmArg(TlsFixture.get().childTrustArgs()[2]);
        if (!libs.contains("okhttp")) {
            child.libs("okhttp-4.12.0"); // the scenario application itself links against OkHttp
        }
        Map<String, Scenarios.Outcome> r = s.run(child);

        // the allowed API receives the real token; the application only held the handle
        assertEquals(200, r.get("allowed").status, r.get("allowed").toString());
        assertTrue(receivedToken(api, p + "/allowed"), "the API received the real token");

        // a handle to another path, another host, in the body or in the URL never leaves
        for (String id : List.of("path-denied", "other-host", "body", "query")) {
            assertTrue(r.get(id).blockedByGuard(), id + " must be blocked: " + r.get(id));
            assertTrue(r.get(id).message.startsWith("Egress Guard blocked"), r.get(id).message);
        }
        assertTrue(api.requestsTo("/admin/" + client + tag).isEmpty(), "nothing reached the denied path");
        assertTrue(other.requestsTo(p + "/other-host").isEmpty(), "nothing reached the other host");
        if (client.startsWith("spring-")) {
            // Spring streams every body through its transport: the guard checks it as it is written, so the head
            // and the bytes before the handle may have left before the request was cut off; the handle never
            for (RecordedRequest got : api.requestsTo(p + "/body")) {
                assertFalse(got.getBody().clone().readUtf8().contains(GITHUB), "the handle never left in a body");
                assertFalse(got.getBody().clone().readUtf8().contains(Canaries.GITHUB), "nor the token");
            }
        } else {
            assertTrue(api.requestsTo(p + "/body").isEmpty(), "the body with a handle never left");
        }
        assertTrue(api.requestsTo(p + "/query").isEmpty(), "the URL with a handle never left");

        // the guard sets a header itself where the rule says so
        assertEquals(200, r.get("set-header").status, r.get("set-header").toString());
        RecordedRequest internal = api.requestsTo("/internal/" + client + tag).get(0);
        assertTrue(("key " + Canaries.INTERNAL).equals(internal.getHeader("X-Api-Key")), "set-header injected");

        // a set-header rule overwrites whatever the application put in that header, its handle included
        assertEquals(200, r.get("set-header-over-handle").status, r.get("set-header-over-handle").toString());
        RecordedRequest over = api.requestsTo("/internal/handle-" + client + tag).get(0);
        assertTrue(("key " + Canaries.INTERNAL).equals(over.getHeader("X-Api-Key")), "set-header replaced the handle");

        // redirects: the same origin keeps the credential, another origin never gets it
        assertEquals(200, r.get("redirect-same").status, r.get("redirect-same").toString());
        assertTrue(receivedToken(api, p + "/after-redirect", redirectHeader), "same-origin redirect hop carries the token");
        assertFalse(other.anyRequestContains(Canaries.GITHUB), "cross-origin redirect never carries the token");
        assertFalse(other.anyRequestContains(GITHUB), "cross-origin redirect never carries the handle");

        // HTTPS with a self-signed certificate
        assertEquals(200, r.get("https").status, r.get("https").toString());
        assertTrue(receivedToken(tls, p + "/tls"), "HTTPS API received the token");

        // a rule without scheme: http never injects over plain http
        assertTrue(r.get("plain-http").blockedByGuard(), r.get("plain-http").toString());
        assertTrue(r.get("plain-http").message.contains("plain http"), r.get("plain-http").message);

        // a real secret, known to the guard, headed where it is not allowed
        assertTrue(r.get("real-secret-elsewhere").blockedByGuard(), r.get("real-secret-elsewhere").toString());
        assertTrue(other.requestsTo(p + "/collect").isEmpty());

        if (http2) {
            assertEquals(200, r.get("http2").status, r.get("http2").toString());
            assertEquals("h2", r.get("http2").protocol, "spoke HTTP/2");
            assertTrue(receivedToken(h2, p + "/h2"), "HTTP/2 API received the token");
        }

        // one audit line per decision, naming secret, rule, destination and client, never a value or query
        String clientName = auditedClient(client);
        List<String> audit = guard.auditLines().stream().filter(l -> l.contains(p)).collect(java.util.stream.Collectors.toList());
        long injected = audit.stream().filter(l -> l.contains("\"decision\":\"injected\"")).count();
        long blocked = audit.stream().filter(l -> l.contains("\"decision\":\"blocked\"")).count();
        assertTrue(injected >= (http2 ? 4 : 3), "injections audited: " + audit);
        assertTrue(blocked >= 5, "blocks audited: " + audit);
        for (String line : audit) {
            for (String field : List.of("time", "seq", "decision", "secret", "rule", "destination", "method", "path",
                    "client", "reason", "prev", "mac")) {
                assertTrue(line.contains("\"" + field + "\":"), field + " missing in " + line);
            }
            assertTrue(line.contains("\"client\":\"" + clientName + "\""), line);
            assertFalse(line.contains("access_token"), "no query string in the audit: " + line);
            assertNull(Canaries.findIn(line), "no secret in the audit");
        }

        // nothing the child printed contains a secret; the start-up line is there
        ChildJvm.Result out = s.lastResult();
        assertNull(Canaries.findIn(out.stdout + out.stderr), "no secret in the child's output");
        assertTrue(out.stderr.contains("Egress Guard") && out.stderr.contains("active"), out.stderr);
    }

    /** The name the audit gives the library a scenario client sends through. */
    private static String auditedClient(String client) {
        if (client.startsWith("okhttp")) {
            return "okhttp";
        }
        if (client.startsWith("jdk")) {
            return "jdk-httpclient";
        }
        if (client.startsWith("reactor-netty") || client.equals("webclient")) {
            return "reactor-netty";
        }
        if (client.startsWith("apache4")) {
            return "apache-httpclient4";
        }
        if (client.startsWith("apache5")) {
            return "apache-httpclient5";
        }
        if (client.equals("spring-restclient-jdk")) {
            return "jdk-httpclient";
        }
        if (client.equals("spring-resttemplate-apache")) {
            return "apache-httpclient5";
        }
        if (client.startsWith("jetty")) {
            return "jetty-httpclient";
        }
        if (client.startsWith("vertx")) {
            return "vertx-httpclient";
        }
        return "httpurlconnection";
    }

    private static boolean receivedToken(RecordingServer server, String path) {
        return receivedToken(server, path, "Authorization");
    }

    private static boolean receivedToken(RecordingServer server, String path, String header) {
        List<RecordedRequest> got = server.requestsTo(path);
        return !got.isEmpty() && ("Bearer " + Canaries.GITHUB).equals(got.get(got.size() - 1).getHeader(header));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
