package io.egressguard.core.scan.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ValidatorsTest {

    @Test
    void githubChecksumIsTheCrc32OfTheBodyInBase62() {
        String body = "0123456789ABCDEFGHIJabcdefghij";
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        // base62 written out by hand: most significant digit first, 0-9 A-Z a-z
        long v = crc.getValue();
        String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            expected.insert(0, digits.charAt((int) (v % 62)));
            v /= 62;
        }
        assertEquals(expected.toString(), Validators.checksum62(body));
        assertTrue(Validators.githubChecksum().isCredential("ghp_" + body + expected));
        assertFalse(Validators.githubChecksum().isCredential("ghp_" + body + "000000"));
        assertFalse(Validators.githubChecksum().isCredential("ghp_short"));
    }

    @Test
    void jwtNeedsAHeaderThatIsJsonNamingAnAlgorithm() {
        String header = b64url("{\"alg\":\"RS256\",\"kid\":\"k1\"}");
        assertTrue(Validators.jwt().isCredential(header + ".eyJzdWIiOiIxIn0.c2ln"));
        assertFalse(Validators.jwt().isCredential(b64url("{\"typ\":\"JWT\"}") + ".eyJzdWIiOiIxIn0.c2ln"));
        assertFalse(Validators.jwt().isCredential("eyJub3Rqc29u.eyJ.x"));
    }

    @Test
    void basicCredentialsDecodeToUserColonPassword() {
        assertTrue(Validators.basicCredentials().isCredential(b64("svc:Zx9-qT4!vB7w")));
        assertFalse(Validators.basicCredentials().isCredential(b64("svc:")));
        assertFalse(Validators.basicCredentials().isCredential(b64("no colon here")));
        assertFalse(Validators.basicCredentials().isCredential(b64("svc:<password>")));
        assertFalse(Validators.basicCredentials().isCredential("realm"));
    }

    @Test
    void randomLookingValuesVersusWordsPathsAndPlaceholders() {
        for (String secret : new String[] {"Tr0ub4dor&3", "Zx9-qT4!vB7w", "a3f9c2e7b1d04f5a", "kq8!Vz2aB3cD", "pW7aB3cD5eF7"}) {
            assertTrue(Validators.looksRandom(secret), secret);
        }
        for (String notSecret : new String[] {"ctrl+shift+down", "********", "${TOKEN}", "<redacted>", "changeme",
                "your_api_key_here", "/run/secrets/db", "C:/secrets/db.txt", "https://vault.internal/v1", "1.2.3-SNAPSHOT",
                "2024-05-01T10:00:00Z", "BCryptPasswordEncoder", "org.example.HTTPServerFactory", "prod-db-credentials",
                "sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K", "short", "xxxxxxxxxxxxxxxx", "hunter2"}) {
            assertFalse(Validators.looksRandom(notSecret), notSecret);
        }
    }

    @Test
    void tokensThatAreObviouslyDummies() {
        assertFalse(Validators.token().isCredential("AKIAIOSFODNN7EXAMPLE"));
        assertFalse(Validators.token().isCredential("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
        assertFalse(Validators.token().isCredential("sk_test_your_key_here_000"));
        assertTrue(Validators.token().isCredential("AKIA" + "DEFGHIJKLMNOPQRS"));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
