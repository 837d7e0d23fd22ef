package io.egressguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressguard.it.apps.ReloadApp;
import io.egressguard.it.support.Canaries;
import io.egressguard.it.support.ChildJvm;
import io.egressguard.it.support.GuardFixture;
import io.egressguard.it.support.RecordingServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A secret put into the store while the application runs is guarded without a restart. */
class StoreReloadIT {

    @Test
    void aSecretAddedAtRunTimeIsBlockedWithinSeconds() throws Exception {
        try (RecordingServer server = RecordingServer.http();
                GuardFixture guard = GuardFixture.create().secret("openai", Canaries.OPENAI)
                        .rules("version: 1\nsecrets:\n  - name: openai\n    allow:\n      - {host: api.openai.com}\n"
                                + "    inject: {set-header: Authorization, format: bearer}\n")) {
            ChildJvm.Running app = ChildJvm.java().agent(guard.agentOptions("storeReload=1")).testClasses()
                    .env("EG_LATE_VALUE", Canaries.INTERNAL).main(ReloadApp.class, server.url("/notes")).start();
            app.awaitLine("sent", Duration.ofSeconds(30)); // not a secret yet: it goes out
            guard.secret("late", Canaries.INTERNAL);
            String blocked = app.awaitLine("blocked:", Duration.ofSeconds(30));
            ChildJvm.Result r = app.await();
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(blocked.contains("Egress Guard blocked") && blocked.contains("'late'"), blocked);
            assertFalse(r.stderr.contains("cannot be read"), r.stderr);
            assertTrue(guard.auditLines().stream().anyMatch(l -> l.contains("\"decision\":\"blocked\"")
                    && l.contains("\"secret\":\"late\"")), String.join("\n", guard.auditLines()));
        }
    }
}
