package io.egressguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressguard.it.apps.GuardFaultApp;
import io.egressguard.it.support.Canaries;
import io.egressguard.it.support.ChildJvm;
import io.egressguard.it.support.GuardFixture;
import io.egressguard.it.support.OddJar;
import io.egressguard.it.support.RecordingServer;
import io.egressguard.it.support.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Never break the application: a library whose shape the guard does not expect, and a failure inside
 * the guard's own code. With a deliberately odd build of a client on the class path the application
 * runs, its requests carry the inert handle (the socket backstop still keeps it from other hosts), and a
 * warning names the client that is not guarded. A failure inside guard code never reaches the
 * application as anything but the deliberate block.
 */
class OddLibraryIT {

    private static RecordingServer api;
    private static RecordingServer other;
    private static GuardFixture guard;
    private static final String HANDLE = GuardFixture.handle("github");

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        api = RecordingServer.http();
        other = RecordingServer.http();
        guard = GuardFixture.create().secret("github", Canaries.GITHUB).rules("version: 1\n"
                + "secrets:\n  - name: github\n    allow:\n"
                + "      - {host: 127.0.0.1, scheme: http, port: " + api.port() + "}\n"
                + "    inject: {replace-handle-in: [Authorization]}\n");
    }

    @AfterAll
    static void stop() throws IOException {
        api.close();
        other.close();
        guard.close();
    }

    /** Apache HttpClient 4.5 whose HttpRequestExecutor has no doSendRequest (renamed, as a release might). */
    @Test
    void apache4WithoutTheHookedMethodRunsUnguardedWithAWarning() throws IOException {
        Path httpcore = jar("apache-httpclient-4.5.14", "httpcore-");
        Path odd = OddJar.withMethodRenamed(httpcore, "org/apache/http/protocol/HttpRequestExecutor.doSendRequest"
                + "(Lorg/apache/http/HttpRequest;Lorg/apache/http/HttpClientConnection;Lorg/apache/http/protocol/HttpContext;)"
                + "Lorg/apache/http/HttpResponse;", "sendRequestHead", dir);
        ChildJvm child = ChildJvm.java().agent(guard.agentOptions()).testClasses().classpath(odd.toString());
        jars("apache-httpclient-4.5.14").filter(p -> !p.equals(httpcore)).forEach(p -> child.classpath(p.toString()));
        child.libs("okhttp-4.12.0");
        ChildJvm.Result out = runUnguarded(child, "apache4", "/odd-apache4", "apache-httpclient4 is NOT guarded");
        // the jar is on the class path, so its shape is checked before main: the start-up line says so
        String startup = out.stderr.lines().filter(l -> l.contains("Egress Guard") && l.contains("active"))
                .findFirst().orElse("");
        assertTrue(startup.contains("NOT guarded: apache-httpclient4"), startup);
        assertFalse(startup.contains("guarding jdk-httpclient, httpurlconnection, okhttp, apache-httpclient4"), startup);
        assertTrue(out.stderr.indexOf("apache-httpclient4 is NOT guarded") < out.stderr.indexOf(startup),
                "the warning comes at start-up, before the start-up line:\n" + out.stderr);
    }

    /** OkHttp whose Builder has no networkInterceptors() (renamed): the woven constructor advice fails inside. */
    @Test
    void okhttpWhoseBuilderChangedRunsUnguardedWithAWarning() throws IOException {
        Path okhttp = jar("okhttp-4.12.0", "okhttp-4");
        Path odd = OddJar.withMethodRenamed(okhttp, "okhttp3/OkHttpClient$Builder.networkInterceptors()Ljava/util/List;",
                "interceptorsOnTheNetwork", dir);
        ChildJvm child = ChildJvm.java().agent(guard.agentOptions()).testClasses().classpath(odd.toString());
        jars("okhttp-4.12.0").filter(p -> !p.equals(okhttp)).forEach(p -> child.classpath(p.toString()));
        runUnguarded(child, "okhttp", "/odd-okhttp", "adding the guard to an OkHttpClient");
    }

    private static ChildJvm.Result runUnguarded(ChildJvm child, String client, String p, String warning) {
        Scenarios s = new Scenarios()
                .get("allowed", client, api.url(p + "/allowed"), Map.of("Authorization", "Bearer " + HANDLE))
                .post("post", client, api.url(p + "/post"), Map.of(), "{\"a\":1}")
                .get("other-host", client, other.url(p + "/other"), Map.of("Authorization", "Bearer " + HANDLE));
        Map<String, Scenarios.Outcome> r = s.run(child);
        ChildJvm.Result out = s.lastResult();
        assertEquals(0, out.exitCode, out.toString());
        assertTrue(out.stderr.contains(warning), "a warning names the client that is not guarded:\n" + out.stderr);
        // the application ran: requests went out as the application built them, with the inert handle
        assertEquals(200, r.get("allowed").status, r.get("allowed").toString());
        assertEquals(200, r.get("post").status, r.get("post").toString());
        RecordedRequest allowed = api.requestsTo(p + "/allowed").get(0);
        assertEquals("Bearer " + HANDLE, allowed.getHeader("Authorization"), "the inert handle, never the token");
        assertFalse(api.anyRequestContains(Canaries.GITHUB), "no token was injected by an instrumentation that is off");
        // the socket backstop does not depend on the library's shape: the handle still goes nowhere else
        assertTrue(r.get("other-host").blockedByGuard(), r.get("other-host").toString());
        assertTrue(other.requestsTo(p + "/other").isEmpty());
        assertNull(Canaries.findIn(out.stdout + out.stderr));
        return out;
    }

    /** A getter that throws only when the guard's code calls it: the request goes on, or is blocked cleanly. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"okhttp,okhttp-4.12.0", "apache4,apache-httpclient-4.5.14"})
    void aFailureInsideTheGuardNeverReachesTheApplication(String client, String libs) {
        ChildJvm child = ChildJvm.java().agent(guard.agentOptions()).testClasses().libs(libs);
        if (!libs.startsWith("okhttp")) {
            child.libs("okhttp-4.12.0");
        }
        String p = "/fault-" + client;
        ChildJvm.Result r = child.main(GuardFaultApp.class, client, api.url(p), "Bearer " + HANDLE).run();
        String line = r.stdoutLines().stream().filter(l -> l.startsWith("RESULT") || l.startsWith("ERROR"))
                .findFirst().orElse("none");
        assertFalse(line.contains("AskedByGuard"), "the guard's failure escaped into the application: " + line + "\n" + r);
        assertTrue(line.equals("RESULT 200") || (line.startsWith("ERROR") && line.contains("EgressBlockedException")),
                line + "\n" + r);
        assertTrue(r.stderr.contains("internal error while"), "the failure is reported: " + r.stderr);
        assertNull(Canaries.findIn(r.stdout + r.stderr));
    }

    private static Stream<Path> jars(String set) throws IOException {
        try (Stream<Path> s = Files.list(ChildJvm.TestPaths.libs().resolve(set))) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
            return all.stream();
        }
    }

    private static Path jar(String set, String prefix) throws IOException {
        return jars(set).filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalStateException(prefix + " not in " + set));
    }
}
