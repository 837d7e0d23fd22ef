package io.egressguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressguard.it.apps.ContractApp;
import io.egressguard.it.apps.ScenarioProxy;
import io.egressguard.it.support.Canaries;
import io.egressguard.it.support.ChildJvm;
import io.egressguard.it.support.GuardFixture;
import io.egressguard.it.support.LoopbackProxy;
import io.egressguard.it.support.RecordingServer;
import io.egressguard.it.support.Scenarios;
import io.egressguard.it.support.TlsFixture;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The rest of the shared contract, for every client and library version of {@link ClientGuardIT#clients()},
 * all of it in ONE child JVM per client ({@link ContractApp}):
 * <ul>
 * <li>an allowed POST arrives with its body intact and the token; an https-to-http redirect never
 * carries the credential; a dropped connection that the client retries is decided again on every attempt;
 * <li>destinations that try to fool the matcher: upper case, a trailing dot, an IDN name against a rule in
 * punycode and the other way round, IPv4 and IPv6 literals against a rule that names the host, another
 * port, user info ({@code http://allowed@other/}), a {@code Host} header naming another host, a name that
 * resolves to another loopback address than the allowed IP. Invented names resolve through
 * {@code -Djdk.net.hosts.file};
 * <li>a local HTTP proxy: https goes through a CONNECT tunnel, the target gets the token and the proxy
 * only ever sees the CONNECT line and ciphertext; plain http through the proxy would show the token to
 * the proxy, so it must not leave at all;
 * <li>32 threads sending at once with two secrets, each request with exactly its own token.
 * </ul>
 */
class ClientContractIT {

    private static final String NAMED = "api.allowed.test";  // resolves to 127.0.0.1
    private static final String OTHER = "other.test";         // resolves to 127.0.0.2
    private static final String NAMED_V6 = "v6.allowed.test"; // resolves to ::1
    private static final String IDN_RULE_UNICODE = "bücher.test";
    private static final String IDN_URL_PUNYCODE = "xn--bcher-kva.test";
    private static final String IDN_RULE_PUNYCODE = "xn--mnchen-3ya.test";
    private static final String IDN_URL_UNICODE = "münchen.test";

    private static RecordingServer api;        // http 127.0.0.1:P, the allowed API
    private static RecordingServer otherIp;    // http 127.0.0.2:P, same port, another loopback address
    private static RecordingServer elsewhere;  // http 127.0.0.1, another port
    private static RecordingServer tls;        // https 127.0.0.1
    private static RecordingServer downgrade;  // http 127.0.0.1, whose rule allows https only
    private static RecordingServer v6;         // http [::1]
    private static LoopbackProxy proxy;
    private static GuardFixture guard;
    private static Path hostsFile;

    private static final String GITHUB = GuardFixture.handle("github");
    private static final String GITHUB2 = GuardFixture.handle("github2");

    @BeforeAll
    static void start() throws IOException {
        api = RecordingServer.http();
        otherIp = RecordingServer.on("127.0.0.2", false, api.port());
        elsewhere = RecordingServer.http();
        tls = RecordingServer.https();
        downgrade = RecordingServer.http();
        v6 = RecordingServer.on("::1", false);
        proxy = new LoopbackProxy(Map.of(ScenarioProxy.PROXIED_HOST, "127.0.0.1"));
        hostsFile = Files.createTempFile("egress-guard-hosts", ".txt");
        Files.write(hostsFile, List.of(
                "127.0.0.1 localhost",
                "127.0.0.1 " + NAMED,
                "127.0.0.1 " + NAMED + ".",
                "127.0.0.1 " + NAMED.toUpperCase(java.util.Locale.ROOT), // this file is matched case-sensitively, DNS is not
                "127.0.0.1 " + IDN_URL_PUNYCODE + " " + IDN_RULE_UNICODE,
                "127.0.0.1 " + IDN_RULE_PUNYCODE + " " + IDN_URL_UNICODE,
                "127.0.0.2 " + OTHER,
                "::1 " + NAMED_V6,
                // only Reactor Netty looks the proxied name up itself (then tunnels to it by name all the same)
                "127.0.0.1 " + ScenarioProxy.PROXIED_HOST), StandardCharsets.UTF_8);
        int p = api.port();
        guard = GuardFixture.create()
                .secret("github", Canaries.GITHUB)
                .secret("github2", Canaries.GITHUB_2)
                .rules("version: 1\n"
                        + "secrets:\n"
                        + "  - name: github\n"
                        + "    allow:\n"
                        + "      - {host: 127.0.0.1, scheme: http, port: " + p + ", paths: [\"/repos/**\", \"/a/**\"]}\n"
                        + "      - {host: 127.0.0.1, port: " + tls.port() + "}\n"
                        + "      - {host: 127.0.0.1, port: " + downgrade.port() + "}\n"
                        + "      - {host: " + ScenarioProxy.PROXIED_HOST + ", port: " + tls.port() + "}\n"
                        + "      - {host: " + ScenarioProxy.PROXIED_HOST + ", scheme: http, port: " + p + "}\n"
                        + "    inject: {replace-handle-in: [Authorization]}\n"
                        + "  - name: github2\n"
                        + "    allow:\n"
                        + "      - {host: 127.0.0.1, scheme: http, port: " + p + ", paths: [\"/b/**\", \"/ip/**\"]}\n"
                        + "      - {host: " + NAMED + ", scheme: http, port: " + p + ", paths: [\"/named/**\"]}\n"
                        + "      - {host: \"" + IDN_RULE_UNICODE + "\", scheme: http, port: " + p + ", paths: [\"/idn/**\"]}\n"
                        + "      - {host: " + IDN_RULE_PUNYCODE + ", scheme: http, port: " + p + ", paths: [\"/idn/**\"]}\n"
                        + "      - {host: " + NAMED_V6 + ", scheme: http, port: " + v6.port() + ", paths: [\"/named/**\"]}\n"
                        + "      - {host: \"::1\", scheme: http, port: " + v6.port() + ", paths: [\"/v6/**\"]}\n"
                        + "    inject: {replace-handle-in: [Authorization]}\n");
    }

    @AfterAll
    static void stop() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {api, otherIp, elsewhere, tls, downgrade, v6, proxy, guard}) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        Files.deleteIfExists(hostsFile);
    }

    static Stream<Arguments> clients() {
        return ClientGuardIT.clients(); // every client and version; a new row there is held to this contract too
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("clients")
    void keepsTheContract(String client, String libs, boolean http2) {
        String tag = client + "-" + libs.replace('+', '_');
        String p = "/repos/" + tag;
        int port = api.port();
        Map<String, String> auth = Map.of("Authorization", "Bearer " + GITHUB);
        Map<String, String> auth2 = Map.of("Authorization", "Bearer " + GITHUB2);
        String postBody = "{\"title\":\"contract " + tag + "\",\"n\":[1,2,3]}";
        Scenarios s = new Scenarios()
                // A. POST, https to http, retries
                .post("post-allowed", client, api.url(p + "/post"), auth, postBody)
                .get("https-to-http", client, tls.url(p + "/redirect?to=" + enc(downgrade.url(p + "/downgraded"))), auth)
                .get("retry", client, api.url(p + "/flaky"), auth)
                // B. destinations that try to fool the matcher
                .get("upper-case", client, "http://API.ALLOWED.TEST:" + port + "/named/" + tag + "/upper", auth2)
                .get("trailing-dot", client, "http://" + NAMED + ".:" + port + "/named/" + tag + "/dot", auth2)
                .get("idn-punycode-url", client, "http://" + IDN_URL_PUNYCODE + ":" + port + "/idn/" + tag + "/puny", auth2)
                .get("idn-unicode-url", client, "http://" + IDN_URL_UNICODE + ":" + port + "/idn/" + tag + "/unicode", auth2)
                .get("ipv4-literal", client, "http://127.0.0.1:" + port + "/named/" + tag + "/v4", auth2)
                .get("ipv6-literal", client, v6.url("/named/" + tag + "/v6"), auth2)
                .get("v6-name", client, "http://" + NAMED_V6 + ":" + v6.port() + "/named/" + tag + "/name6", auth2)
                .get("ipv6-allowed", client, v6.url("/v6/" + tag + "/short"), auth2)
                .get("ipv6-long-form", client, "http://[0:0:0:0:0:0:0:1]:" + v6.port() + "/v6/" + tag + "/long", auth2)
                .get("other-port", client, "http://" + NAMED + ":" + elsewhere.port() + "/named/" + tag + "/port", auth2)
                .get("userinfo", client, "http://" + NAMED + "@" + OTHER + ":" + port + "/named/" + tag + "/userinfo", auth2)
                .get("host-header-lies", client, "http://" + OTHER + ":" + port + "/named/" + tag + "/hosthdr",
                        Map.of("Authorization", "Bearer " + GITHUB2, "Host", NAMED + ":" + port))
                .get("host-header-other", client, "http://" + NAMED + ":" + port + "/named/" + tag + "/hostok",
                        Map.of("Authorization", "Bearer " + GITHUB2, "Host", OTHER + ":" + port))
                .get("ip-allowed", client, "http://127.0.0.1:" + port + "/ip/" + tag + "/ok", auth2)
                .get("resolves-elsewhere", client, "http://" + OTHER + ":" + port + "/ip/" + tag + "/name", auth2)
                .get("other-loopback-ip", client, "http://127.0.0.2:" + port + "/ip/" + tag + "/literal", auth2)
                // C. through a local HTTP proxy
                .get("proxy-https", client, "https://" + ScenarioProxy.PROXIED_HOST + ":" + tls.port() + p + "/via-proxy", auth)
                .get("proxy-http", client, "http://" + ScenarioProxy.PROXIED_HOST + ":" + port + p + "/via-proxy-plain", auth);
        String[] trust = TlsFixture.get().childTrustArgs();
        ChildJvm child = ChildJvm.java().agent(guard.agentOptions()).testClasses()
                .jvmArg(trust[0]).jvmArg(trust[1]).jvmArg(trust[2])
                .jvmArg("-Djdk.net.hosts.file=" + hostsFile)
                .jvmArg("-Dscenarios.proxyPort=" + proxy.port())
                // let the application set a Host header of its own, as a hostile or confused one would
                .jvmArg("-Dsun.net.http.allowRestrictedHeaders=true")
                .jvmArg("-Djdk.httpclient.allowRestrictedHeaders=host");
        for (String set : libs.split("\\+")) {
            child.libs(set);
        }
        if (!libs.contains("okhttp")) {
            child.libs("okhttp-4.12.0"); // the scenario application itself links against OkHttp
        }
        int auditBefore = guard.auditLines().size();
        Map<String, Scenarios.Outcome> r = s.run(child, ContractApp.class,
                client, api.url("/a/" + tag), GITHUB, api.url("/b/" + tag), GITHUB2, "32", "8");
        ChildJvm.Result out = s.lastResult();
        StringBuilder report = new StringBuilder();
        r.values().forEach(o -> report.append(tag).append(" | ").append(o).append('\n'));
        System.out.print(report); // what each client did, for the record (no secret: responses are 'ok'/'moved')

        // A. an allowed POST: the body arrives as the application wrote it, with the token
        assertEquals(200, r.get("post-allowed").status, r.get("post-allowed").toString());
        RecordedRequest post = only(api, p + "/post");
        assertEquals("Bearer " + Canaries.GITHUB, post.getHeader("Authorization"), "the POST carried the token");
        assertEquals(postBody, post.getBody().clone().readUtf8(), "the POST body arrived intact");

        // A. https to http: the TLS API got the token on the first hop; the plain-http hop never a credential
        assertTrue(receivedToken(tls, p + "/redirect", Canaries.GITHUB), "the https hop carried the token");
        assertFalse(downgrade.anyRequestContains(Canaries.GITHUB), "the token never went over plain http");
        assertFalse(downgrade.anyRequestContains(GITHUB), "the handle never went over plain http");
        Scenarios.Outcome down = r.get("https-to-http");
        assertTrue(down.blockedByGuard() || (down.ok && (down.status == 302 || down.status == 200)), down.toString());
        if (down.ok && down.status == 200) {
            assertEquals(1, downgrade.requestsTo(p + "/downgraded").size(), "followed without the credential");
        }

        // A. retries: every attempt is decided again and carries the token; the last one succeeds
        assertEquals(200, r.get("retry").status, r.get("retry").toString());
        List<RecordedRequest> attempts = api.requestsTo(p + "/flaky");
        assertTrue(attempts.size() >= 2, "the dropped request was sent again: " + attempts.size());
        for (RecordedRequest a : attempts) {
            assertEquals("Bearer " + Canaries.GITHUB, a.getHeader("Authorization"), "each attempt carries the token");
        }
        long decidedAttempts = guard.auditLines().stream()
                .filter(l -> l.contains(p + "/flaky") && l.contains("\"decision\":\"injected\"")).count();
        assertEquals(attempts.size(), decidedAttempts, "one decision per attempt");

        // B. spellings of the allowed name are the allowed name
        for (String id : List.of("upper-case", "trailing-dot", "idn-punycode-url")) {
            assertEquals(200, r.get(id).status, r.get(id).toString());
        }
        assertTrue(receivedToken(api, "/named/" + tag + "/upper", Canaries.GITHUB_2), "upper case host");
        assertTrue(receivedToken(api, "/named/" + tag + "/dot", Canaries.GITHUB_2), "trailing dot");
        assertTrue(receivedToken(api, "/idn/" + tag + "/puny", Canaries.GITHUB_2), "punycode URL, rule in Unicode");
        Scenarios.Outcome unicode = r.get("idn-unicode-url");
        // java.net.URI has no host for a Unicode name: the JDK client, Reactor Netty and Jetty ("Invalid URI host")
        // refuse such a URL, and WebClient 6.0 passes it on with the host lost ("null"), which the guard blocks as
        // an unknown destination; Vert.x sends it to the Unicode name, which the guard decides in punycode
        assertTrue(!unicode.blockedByGuard() || unicode.message.contains("http://null:"),
                "a Unicode URL is the punycode name of the rule: " + unicode);
        if (unicode.ok) {
            assertTrue(receivedToken(api, "/idn/" + tag + "/unicode", Canaries.GITHUB_2), "Unicode URL, rule in punycode");
        }

        // B. the name whose rule the [::1] literal did not match
        assertEquals(200, r.get("v6-name").status, r.get("v6-name").toString());
        assertTrue(receivedToken(v6, "/named/" + tag + "/name6", Canaries.GITHUB_2), "the name of ::1");

        // B. the IPv6 rule, in whatever form the URL writes the address
        assertEquals(200, r.get("ipv6-allowed").status, r.get("ipv6-allowed").toString());
        assertTrue(receivedToken(v6, "/v6/" + tag + "/short", Canaries.GITHUB_2), "[::1]");
        assertEquals(200, r.get("ipv6-long-form").status, r.get("ipv6-long-form").toString());
        assertTrue(receivedToken(v6, "/v6/" + tag + "/long", Canaries.GITHUB_2), "[0:0:0:0:0:0:0:1]");

        // B. a Host header does not choose the destination: the connected host does
        assertEquals(200, r.get("host-header-other").status, r.get("host-header-other").toString());
        assertTrue(receivedToken(api, "/named/" + tag + "/hostok", Canaries.GITHUB_2), "decided on the connected host");
        assertEquals(200, r.get("ip-allowed").status, r.get("ip-allowed").toString());
        assertTrue(receivedToken(api, "/ip/" + tag + "/ok", Canaries.GITHUB_2), "the IP rule itself works");

        // B. everything else is another destination: blocked, and nothing reached anyone
        for (String id : List.of("ipv4-literal", "ipv6-literal", "other-port", "host-header-lies", "resolves-elsewhere",
                "other-loopback-ip")) {
            assertTrue(r.get(id).blockedByGuard(), id + " must be blocked: " + r.get(id));
        }
        assertTrue(api.requestsTo("/named/" + tag + "/v4").isEmpty(), "IPv4 literal");
        assertTrue(v6.requestsTo("/named/" + tag + "/v6").isEmpty(), "IPv6 literal");
        assertTrue(elsewhere.all().stream().noneMatch(q -> q.getPath().contains(tag)), "another port");
        Scenarios.Outcome userinfo = r.get("userinfo");
        assertFalse(userinfo.ok, "user info does not make other.test the allowed host: " + userinfo);
        assertTrue(userinfo.blockedByGuard() || !userinfo.exceptions.contains("EgressBlocked"), userinfo.toString());
        assertFalse(otherIp.anyRequestContains(Canaries.GITHUB_2) || otherIp.anyRequestContains(GITHUB2),
                "no credential ever reached the host on 127.0.0.2");
        assertFalse(api.anyRequestContains(tag + "/userinfo"), "user info never redirected the request to the allowed host");

        // C. https through a CONNECT proxy: the target gets the token, the proxy only the CONNECT line
        assertEquals(200, r.get("proxy-https").status, r.get("proxy-https").toString());
        assertTrue(receivedToken(tls, p + "/via-proxy", Canaries.GITHUB), "the target behind the proxy got the token");
        assertTrue(proxy.requestLines().contains("CONNECT " + ScenarioProxy.PROXIED_HOST + ":" + tls.port() + " HTTP/1.1"),
                "the client tunnelled through the proxy: " + proxy.requestLines());
        // C. plain http through the proxy would show the credential to the proxy: it never leaves
        Scenarios.Outcome plain = r.get("proxy-http");
        // (by the socket-level backstop: the token would be written to the proxy, which no rule allows;
        // HttpURLConnection reports it as its own 'Error writing to server', without the cause)
        assertFalse(plain.ok, "plain http through a proxy: " + plain);
        String proxyPeer = "\"destination\":\"127.0.0.1:" + proxy.port() + "\"";
        List<String> audit = guard.auditLines();
        assertTrue(audit.subList(auditBefore, audit.size()).stream()
                .anyMatch(l -> l.contains("\"decision\":\"blocked\"") && l.contains(proxyPeer)),
                "the write to the proxy was blocked and audited: " + plain);
        assertTrue(api.requestsTo(p + "/via-proxy-plain").isEmpty(), "nothing of it reached the target");
        String seenByProxy = proxy.everythingReceived();
        assertNull(Canaries.findIn(seenByProxy), "the proxy never saw a secret");
        assertFalse(seenByProxy.contains(GITHUB) || seenByProxy.contains(GITHUB2), "the proxy never saw a handle");

        // D. 32 threads with two secrets: every request exactly its own token
        assertTrue(out.stdout.contains("DONE 256 0"), out.toString());
        int a = 0;
        int b = 0;
        for (RecordedRequest q : api.all()) {
            String path = q.getRequestUrl().encodedPath();
            if (path.startsWith("/a/" + tag + "/")) {
                a++;
                assertEquals("Bearer " + Canaries.GITHUB, q.getHeader("Authorization"), "wrong token on " + path);
            } else if (path.startsWith("/b/" + tag + "/")) {
                b++;
                assertEquals("Bearer " + Canaries.GITHUB_2, q.getHeader("Authorization"), "wrong token on " + path);
            }
        }
        assertEquals(128, a, "requests with the first secret");
        assertEquals(128, b, "requests with the second secret");

        assertNull(Canaries.findIn(out.stdout + out.stderr), "no secret in the child's output");
    }

    private static RecordedRequest only(RecordingServer server, String path) {
        List<RecordedRequest> got = server.requestsTo(path);
        assertEquals(1, got.size(), path + " received " + got.size() + " requests");
        return got.get(0);
    }

    private static boolean receivedToken(RecordingServer server, String path, String token) {
        List<RecordedRequest> got = server.requestsTo(path);
        return !got.isEmpty() && got.stream().allMatch(q -> ("Bearer " + token).equals(q.getHeader("Authorization")));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

}
