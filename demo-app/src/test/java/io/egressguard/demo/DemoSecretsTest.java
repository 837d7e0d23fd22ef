package io.egressguard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The secret scan that DemoIT relies on finds every encoding it claims to, wherever the value sits. */
class DemoSecretsTest {

    @Test
    void findsEveryFormAtEveryOffset() {
        for (String secret : DemoSecrets.ALL) {
            for (String prefix : new String[] {"", "a", "ab", "Authorization: Basic user:"}) {
                byte[] b = (prefix + secret + "!").getBytes(StandardCharsets.UTF_8);
                assertNotNull(DemoSecrets.findIn("x " + prefix + secret + " y"), "raw");
                assertNotNull(DemoSecrets.findIn(Base64.getEncoder().encodeToString(b)), "base64 after " + prefix);
                assertNotNull(DemoSecrets.findIn(Base64.getUrlEncoder().encodeToString(b)), "base64url after " + prefix);
                assertNotNull(DemoSecrets.findIn(HexFormat.of().formatHex(b)), "hex");
                assertNotNull(DemoSecrets.findIn(HexFormat.of().withUpperCase().formatHex(b)), "HEX");
                assertNotNull(DemoSecrets.findIn(URLEncoder.encode("q=" + secret, StandardCharsets.UTF_8)), "url");
            }
            assertNotNull(DemoSecrets.findIn(secret.substring(0, secret.length() - 5) + "\n"), "a cut value");
        }
    }

    @Test
    void handlesAndOrdinaryTextAreNotSecrets() {
        assertNull(DemoSecrets.findIn("Authorization: Bearer egh.github.axme"));
        assertNull(DemoSecrets.findIn("ghp_ and sk-proj- are only prefixes"));
    }

    @Test
    void labelsNeverShowTheValue() {
        assertEquals("the GitHub token", DemoSecrets.label(DemoSecrets.GITHUB_TOKEN));
        assertEquals("the OpenAI key", DemoSecrets.label(DemoSecrets.OPENAI_KEY));
    }
}
