package io.egressguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressguard.it.apps.ConcurrentApp;
import io.egressguard.it.support.Canaries;
import io.egressguard.it.support.ChildJvm;
import io.egressguard.it.support.GuardFixture;
import io.egressguard.it.support.RecordingServer;
import io.egressguard.it.support.Scenarios;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two things that break naive guards: many threads at once (each request must get its own token,
 * never another thread's), and bodies that are streamed in small pieces (a handle or secret split
 * across writes must still be caught, and no byte of it may reach the server).
 */
class ConcurrencyAndStreamingIT {

    private static RecordingServer api;
    private static RecordingServer other;
    private static GuardFixture guard;

    @BeforeAll
    static void start() throws Exception {
        api = RecordingServer.http();
        other = RecordingServer.http();
        guard = GuardFixture.create()
                .secret("github", Canaries.GITHUB)
                .secret("github2", Canaries.GITHUB_2)
                .secret("openai", Canaries.OPENAI)
                .rules("version: 1\n"
                        + "secrets:\n"
                        + "  - name: github\n"
                        + "    allow:\n"
                        + "      - {host: 127.0.0.1, scheme: http, port: " + api.port() + ", paths: [\"/a/**\", \"/upload/**\"]}\n"
                        + "    inject: {replace-handle-in: [Authorization]}\n"
                        + "  - name: github2\n"
                        + "    allow:\n"
                        + "      - {host: 127.0.0.1, scheme: http, port: " + api.port() + ", paths: [\"/b/**\"]}\n"
                        + "    inject: {replace-handle-in: [Authorization]}\n"
                        + "  - name: openai\n"
                        + "    allow:\n"
                        + "      - {host: 127.0.0.1, scheme: http, port: " + api.port() + ", paths: [\"/v1/**\"]}\n"
                        + "    inject: {replace-handle-in: [Authorization]}\n");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        other.close();
        guard.close();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"huc,okhttp-4.12.0", "jdk,okhttp-4.12.0", "jdk-async,okhttp-4.12.0", "okhttp,okhttp-4.12.0",
            "okhttp-async,okhttp-5.5.1"})
    void thirtyTwoThreadsEachGetTheirOwnToken(String client, String libs) {
        String prefix = "/" + client + "-" + libs;
        ChildJvm.Result r = ChildJvm.java().agent(guard.agentOptions()).testClasses().libs(libs)
                .main(ConcurrentApp.class, client, api.url("/a" + prefix), GuardFixture.handle("github"),
                        api.url("/b" + prefix), GuardFixture.handle("github2"), "32", "8")
                .run();
        assertTrue(r.stdout.contains("DONE 256 0"), r.toString());
        int a = 0;
        int b = 0;
        for (RecordedRequest req : api.all()) {
            String path = req.getRequestUrl().encodedPath();
            if (path.startsWith("/a" + prefix + "/")) {
                a++;
                assertEquals("Bearer " + Canaries.GITHUB, req.getHeader("Authorization"), "wrong token on " + path);
            } else if (path.startsWith("/b" + prefix + "/")) {
                b++;
                assertEquals("Bearer " + Canaries.GITHUB_2, req.getHeader("Authorization"), "wrong token on " + path);
            }
        }
        assertEquals(128, a);
        assertEquals(128, b);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"huc-chunked,okhttp-4.12.0", "huc-fixed,okhttp-4.12.0", "jdk-stream,okhttp-4.12.0",
            "okhttp-stream,okhttp-4.12.0", "okhttp-stream,okhttp-5.5.1",
            "apache4-stream,apache-httpclient-4.5.14+okhttp-4.12.0", "apache5-stream,apache-httpclient5-5.6.1+okhttp-4.12.0",
            "apache5-async-stream,apache-httpclient5-5.0.4+okhttp-4.12.0",
            "apache5-async-stream,apache-httpclient5-5.6.1+okhttp-4.12.0"})
    void streamedBodiesAreCheckedWithoutLettingAByteOfASecretOut(String client, String libs) {
        String p = "/upload/" + client + "-" + libs.replace('+', '_');
        String filler = "x".repeat(97);
        String cleanBody = "{\"text\":\"" + filler.repeat(30) + "\"}";
        Scenarios s = new Scenarios()
                .post("clean", client, api.url(p + "/clean"), Map.of(), cleanBody)
                .post("handle", client, api.url(p + "/handle"), Map.of(),
                        "{\"text\":\"" + filler + "ab" + GuardFixture.handle("github") + filler + "\"}")
                .post("secret", client, other.url(p + "/secret"), Map.of(),
                        "{\"text\":\"" + filler + "c" + Canaries.OPENAI + filler + "\"}");
        ChildJvm child = ChildJvm.java().agent(guard.agentOptions()).testClasses();
        for (String set : libs.split("\\+")) { // HttpScenarios itself links against OkHttp
            child.libs(set);
        }
        Map<String, Scenarios.Outcome> r = s.run(child);

        assertEquals(200, r.get("clean").status, r.get("clean").toString());
        RecordedRequest clean = api.requestsTo(p + "/clean").get(0);
        assertEquals(cleanBody, clean.getBody().readUtf8(), "a clean streamed body arrives whole and unchanged");

        assertTrue(r.get("handle").blockedByGuard(), r.get("handle").toString());
        assertTrue(r.get("secret").blockedByGuard(), r.get("secret").toString());
        assertFalse(api.anyRequestContains("egh."), "no byte of the handle reached the server");
        assertFalse(other.anyRequestContains(Canaries.OPENAI.substring(0, 3)), "no byte of the secret reached the server");
    }
}
