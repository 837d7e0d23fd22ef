package io.egressguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressguard.it.apps.RawHttpApp;
import io.egressguard.it.support.Canaries;
import io.egressguard.it.support.ChildJvm;
import io.egressguard.it.support.GuardFixture;
import io.egressguard.it.support.RecordingServer;
import io.egressguard.it.support.TlsFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The last line of defence: a client that writes HTTP by hand, which no instrumentation knows, cannot
 * carry a handle or a secret to a peer that no rule allows for it, over a plain socket, a TLS socket, a
 * socket channel or an SSLEngine. It can still talk to the peers the rules allow (with the inert handle:
 * the backstop blocks, it never injects), and traffic without secrets is untouched.
 */
class BackstopIT {

    @Test
    void handWrittenHttpIsBlockedWhereNoRuleAllowsTheSecret() throws Exception {
        try (RecordingServer allowed = RecordingServer.http(); RecordingServer other = RecordingServer.http();
                RecordingServer tls = RecordingServer.https();
                GuardFixture guard = GuardFixture.create().secret("github", Canaries.GITHUB).rules("version: 1\n"
                        + "secrets:\n  - name: github\n    allow:\n"
                        + "      - {host: 127.0.0.1, scheme: http, port: " + allowed.port() + "}\n"
                        + "    inject: {replace-handle-in: [Authorization]}\n")) {
            String[] trust = TlsFixture.get().childTrustArgs();
            ChildJvm.Result r = ChildJvm.java().agent(guard.agentOptions()).testClasses()
                    .jvmArg(trust[0]).jvmArg(trust[1]).jvmArg(trust[2])
                    .env("EG_HANDLE", GuardFixture.handle("github")).env("EG_SECRET", Canaries.GITHUB)
                    .main(RawHttpApp.class, String.valueOf(allowed.port()), String.valueOf(other.port()),
                            String.valueOf(tls.port()))
                    .run();
            assertEquals(0, r.exitCode, r.toString());
            Map<String, String> cases = new HashMap<>();
            for (String line : r.stdoutLines()) {
                if (line.startsWith("case ")) {
                    cases.put(line.substring(5, line.indexOf(':')), line.substring(line.indexOf(':') + 2));
                }
            }
            assertEquals("sent", cases.get("handle-to-allowed-peer"), r.toString());
            assertEquals("sent", cases.get("no-secret-to-other-peer"), r.toString());
            for (String blocked : List.of("handle-to-other-peer", "secret-to-other-peer", "secret-split-across-writes",
                    "handle-over-tls-socket", "handle-over-socket-channel", "handle-into-ssl-engine")) {
                String outcome = cases.get(blocked);
                assertTrue(outcome != null && outcome.startsWith("blocked io.egressguard.bootstrap.EgressBlockedException:")
                        && outcome.contains("Egress Guard blocked a write to") && outcome.contains("'github'"),
                        blocked + " -> " + outcome + "\n" + r);
            }
            assertFalse(other.anyRequestContains("/secret") || other.anyRequestContains("/split")
                    || other.anyRequestContains("/other") || other.anyRequestContains("/channel"),
                    "nothing of a blocked request reached the peer");
            assertTrue(other.anyRequestContains("/plain"), "a request without secrets went through");
            assertTrue(allowed.anyRequestContains("/allowed"));
            assertTrue(tls.all().isEmpty(), "the TLS request was refused before encryption");
            long backstopBlocks = guard.auditLines().stream()
                    .filter(l -> l.contains("\"decision\":\"blocked\"") && l.contains("\"client\":\"backstop:")).count();
            assertEquals(6, backstopBlocks, String.join("\n", guard.auditLines()));
        }
    }

    @Test
    void refusedHttpUrlConnectionRequestsDoNotKeepTheirConnectionsOpen() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/proc/self/fd").isDirectory(), "needs /proc");
        try (RecordingServer api = RecordingServer.http();
                GuardFixture guard = GuardFixture.create().secret("github", Canaries.GITHUB).rules("version: 1\n"
                        + "secrets:\n  - name: github\n    allow:\n"
                        + "      - {host: 127.0.0.1, scheme: http, port: " + api.port() + "}\n"
                        + "    inject: {replace-handle-in: [Authorization]}\n")) {
            ChildJvm.Result r = ChildJvm.java().agent(guard.agentOptions()).testClasses()
                    .main(io.egressguard.it.apps.RefusedRequestsApp.class,
                            api.url("/q?token=" + GuardFixture.handle("github") + "&n="), "200")
                    .run();
            assertEquals(0, r.exitCode, r.toString());
            String[] fds = r.stdoutLines().stream().filter(l -> l.startsWith("FDS ")).findFirst().orElseThrow()
                    .split(" ");
            assertEquals("200", fds[3], "every request was refused");
            int grown = Integer.parseInt(fds[2]) - Integer.parseInt(fds[1]);
            assertTrue(grown < 40, "200 refused requests left " + grown + " more files open");
        }
    }
}
