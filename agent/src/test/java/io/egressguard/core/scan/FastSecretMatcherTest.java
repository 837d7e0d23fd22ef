package io.egressguard.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressguard.core.handle.Handles;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FastSecretMatcherTest {

    private static final String GITHUB = "ghp_t3stT0kenAbCdEfGhIjKlMnOpQrStUvWxYz01";
    private static final String SHORTISH = "pw-9a8b7c6";          // 10 bytes: indexed on the short grid
    private static final String SLASHY = "ab/cd+ef=gh/ij+kl==mn";    // differs when JSON- or percent-encoded

    private static FastSecretMatcher matcher(Map<String, String> secrets) {
        Map<String, byte[]> values = new HashMap<>();
        secrets.forEach((k, v) -> values.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return new FastSecretMatcher(secrets.keySet(), values);
    }

    private static final FastSecretMatcher M = matcher(Map.of("github", GITHUB, "short", SHORTISH, "slashy", SLASHY));

    private static Match only(String text) {
        Match m = M.find(text, 0);
        assertNotNull(m, "nothing found in: " + text);
        assertNull(M.find(text, m.end()), "more than one match in: " + text);
        return m;
    }

    @Test
    void findsEachFormWithItsExactSpan() {
        String prefix = "some text before ";
        for (String value : List.of(GITHUB, SHORTISH, SLASHY)) {
            byte[] b = value.getBytes(StandardCharsets.UTF_8);
            for (String form : List.of(value, URLEncoder.encode(value, StandardCharsets.UTF_8),
                    value.replace("/", "\\/"), SecretForms.hex(b, false), SecretForms.hex(b, true))) {
                Match m = only(prefix + form + " and after");
                assertEquals(prefix.length(), m.start(), form);
                assertEquals(prefix.length() + form.length(), m.end(), form);
                assertEquals(Match.Kind.SECRET, m.kind());
            }
        }
    }

    @Test
    void findsBase64AtEveryAlignmentAndTakesTheWholeRun() {
        for (String user : List.of("", "u", "us", "usr", "x-access-token")) {
            for (boolean url : new boolean[] {false, true}) {
                String b64 = (url ? Base64.getUrlEncoder() : Base64.getEncoder())
                        .encodeToString((user + ":" + GITHUB).getBytes(StandardCharsets.UTF_8));
                String text = "Authorization: Basic " + b64 + "\r\n";
                Match m = only(text);
                assertEquals("github", m.secret());
                assertEquals(text.indexOf(b64), m.start(), "the run starts with the base64");
                assertEquals(text.indexOf(b64) + b64.length(), m.end(), "the run ends with the padding");
            }
        }
    }

    @Test
    void findsInBytesAndInCharacterText() {
        String text = "{\"messages\":[{\"content\":\"my key is " + GITHUB + "\\nthanks\"}]}";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Match m = M.find(b, 0, b.length, 0);
        assertNotNull(m);
        assertEquals(text.indexOf(GITHUB), m.start());
        assertEquals(text.indexOf(GITHUB) + GITHUB.length(), m.end(), "stops before the literal \\n");
        Match c = M.find(text, 0);
        assertEquals(m.start(), c.start());
    }

    @Test
    void characterTextWithWideCharactersIsConfirmedCharByChar() {
        // U+0165 has the low byte 0x65 ('e'): the byte copy matches, the characters do not
        String lookalike = GITHUB.replace('e', '\u0165');
        assertNull(M.find("x " + lookalike + " y", 0));
        assertNotNull(M.find("\u4e2d\u6587 " + GITHUB + " \u00e9", 0));
    }

    @Test
    void findsHandlesOfKnownNamesOnly() {
        String h = Handles.handleFor("github");
        Match m = only("Bearer " + h);
        assertEquals(Match.Kind.HANDLE, m.kind());
        assertEquals(7, m.start());
        assertNull(M.find("Bearer " + Handles.handleFor("unknown"), 0));
        assertNull(M.find("see egh.github.com for docs", 0));
    }

    @Test
    void agreesWithTheSimpleMatcherOnRandomText() {
        Random random = new Random(42);
        Map<String, String> secrets = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            secrets.put("s" + i, randomToken(random, 8 + random.nextInt(60)));
        }
        FastSecretMatcher fast = matcher(secrets);
        Map<String, byte[]> values = new HashMap<>();
        secrets.forEach((k, v) -> values.put(k, v.getBytes(StandardCharsets.UTF_8)));
        SimpleSecretMatcher simple = new SimpleSecretMatcher(Set.of(), values);
        List<String> names = new ArrayList<>(secrets.keySet());
        for (int round = 0; round < 300; round++) {
            StringBuilder sb = new StringBuilder();
            List<String> planted = new ArrayList<>();
            int parts = random.nextInt(5);
            for (int p = 0; p < parts; p++) {
                sb.append(randomWords(random, random.nextInt(200)));
                String name = names.get(random.nextInt(names.size()));
                planted.add(name);
                sb.append(random.nextBoolean() ? secrets.get(name)
                        : URLEncoder.encode(secrets.get(name), StandardCharsets.UTF_8));
                sb.append(' ');
            }
            sb.append(randomWords(random, random.nextInt(100)));
            String text = sb.toString();
            List<String> found = new ArrayList<>();
            for (Match m = fast.find(text, 0); m != null; m = fast.find(text, m.end())) {
                found.add(m.secret());
            }
            assertEquals(planted, found, "in: " + text);
            List<String> reference = new ArrayList<>();
            for (Match m = simple.find(text, 0); m != null; m = simple.find(text, m.end())) {
                reference.add(m.secret());
            }
            assertEquals(reference, found);
        }
    }

    @Test
    void holdsBackOnlyWhatCouldStillBecomeAMatch() {
        byte[] prompt = "Password: ".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0, M.possibleMatchPrefix(prompt, 0, prompt.length));
        byte[] tail = ("x " + GITHUB.substring(0, 12)).getBytes(StandardCharsets.US_ASCII);
        assertEquals(12, M.possibleMatchPrefix(tail, 0, tail.length));
        byte[] handle = "Bearer egh.git".getBytes(StandardCharsets.US_ASCII);
        assertTrue(M.possibleMatchPrefix(handle, 0, handle.length) >= 7);
    }

    private static String randomToken(Random r, int len) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String randomWords(Random r, int len) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < len) {
            int w = 1 + r.nextInt(9);
            for (int i = 0; i < w; i++) {
                sb.append((char) ('a' + r.nextInt(26)));
            }
            sb.append(r.nextInt(4) == 0 ? ", " : " ");
        }
        return sb.toString();
    }

    /** A handle is found wherever it sits, across the pieces the text is scanned in, in characters and in bytes. */
    @Test
    void handlesAreFoundAtEveryOffsetAcrossScanPieces() {
        FastSecretMatcher matcher = new FastSecretMatcher(Set.of("db"), Map.of("db", "s3cr3t-value-db".getBytes(StandardCharsets.UTF_8)));
        String handle = Handles.handleFor("db");
        for (int at = 0; at < 1200; at += at < 140 || (at > 370 && at < 400) ? 1 : 7) {
            String text = "a.b".repeat(at / 3) + "x".repeat(at % 3) + handle + " egh. e.g.h. egh";
            Match found = matcher.find(text, 0);
            assertNotNull(found, "at " + at);
            assertEquals(Match.Kind.HANDLE, found.kind());
            assertEquals(at, found.start());
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Match inBytes = matcher.find(bytes, 0, bytes.length, 0);
            assertNotNull(inBytes, "bytes at " + at);
            assertEquals(at, inBytes.start());
            assertNull(matcher.find(text, found.end()), "after the handle at " + at);
        }
    }
}
