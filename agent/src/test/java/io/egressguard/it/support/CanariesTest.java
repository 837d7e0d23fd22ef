package io.egressguard.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The scanner that proves no output holds a secret must itself find every form a secret takes. */
class CanariesTest {

    @Test
    void findsEveryCanaryInEveryCommonForm() {
        assertEquals(4, Canaries.ALL.size());
        for (String c : Canaries.ALL) {
            assertNotNull(Canaries.findIn("x " + c + " y"), "raw");
            for (String prefix : new String[] {"", "u:", "us:", "x-access-token:", "user:"}) {
                String basic = Base64.getEncoder().encodeToString((prefix + c).getBytes(StandardCharsets.UTF_8));
                assertNotNull(Canaries.findIn("Authorization: Basic " + basic), "base64 after '" + prefix + "'");
                String url = Base64.getUrlEncoder().withoutPadding().encodeToString((prefix + c).getBytes(StandardCharsets.UTF_8));
                assertNotNull(Canaries.findIn(url), "base64url after '" + prefix + "'");
            }
            assertNotNull(Canaries.findIn(URLEncoder.encode(c, StandardCharsets.UTF_8)), "percent-encoded");
            StringBuilder hex = new StringBuilder();
            for (byte b : c.getBytes(StandardCharsets.UTF_8)) {
                hex.append(String.format("%02x", b));
            }
            assertNotNull(Canaries.findIn(hex.toString()), "hex");
            assertNotNull(Canaries.findIn("{\"k\":\"" + c.replace("/", "\\/") + "\"}"), "JSON");
        }
        assertNull(Canaries.findIn("Bearer egh.github.axme and ordinary text"));
    }
}
