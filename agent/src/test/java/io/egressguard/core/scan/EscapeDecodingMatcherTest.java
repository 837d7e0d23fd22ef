package io.egressguard.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.egressguard.core.handle.Handles;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Secrets hidden behind escapes that no encoder chooses but every decoder undoes. */
class EscapeDecodingMatcherTest {

    private static final String SECRET = "ghp_T3stEsc4pedT0kenAbCdEfGhIjKlMnOpQrSt";
    private final SecretMatcher m = new EscapeDecodingMatcher(new FastSecretMatcher(Set.of("gh"),
            Map.of("gh", SECRET.getBytes(StandardCharsets.UTF_8))));

    private static String percentOne(String s, int at) {
        return s.substring(0, at) + String.format("%%%02X", (int) s.charAt(at)) + s.substring(at + 1);
    }

    private static String unicodeAll(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }

    private void assertFoundAt(String text, int start, int end) {
        Match found = m.find(text, 0);
        assertNotNull(found, text);
        assertEquals("gh", found.secret(), text);
        assertEquals(start, found.start(), text);
        assertEquals(end, found.end(), text);
        byte[] bytes = ("xx" + text).getBytes(StandardCharsets.ISO_8859_1);
        Match inBytes = m.find(bytes, 0, bytes.length, 0);
        assertNotNull(inBytes, "bytes: " + text);
        assertEquals(start + 2, inBytes.start(), "bytes: " + text);
        assertEquals(end + 2, inBytes.end(), "bytes: " + text);
    }

    @Test
    void oneCharacterPercentEscapedAnywhere() {
        for (int at : new int[] {0, 4, 17, SECRET.length() - 1}) {
            String escaped = percentOne(SECRET, at);
            String text = "GET /x?token=" + escaped + "&y=1";
            assertFoundAt(text, 13, 13 + escaped.length());
        }
    }

    @Test
    void everyCharacterPercentEscapedInLowerCase() {
        StringBuilder b = new StringBuilder();
        for (char c : SECRET.toCharArray()) {
            b.append(String.format("%%%02x", (int) c));
        }
        assertFoundAt("x=" + b, 2, 2 + b.length());
    }

    @Test
    void jsonUnicodeEscapesOfOneOrEveryCharacter() {
        String one = SECRET.substring(0, 4) + "\\u0054" + SECRET.substring(5);
        assertFoundAt("{\"a\":\"" + one + "\"}", 6, 6 + one.length());
        String all = unicodeAll(SECRET);
        assertFoundAt("{\"a\":\"" + all + "\"}", 6, 6 + all.length());
    }

    @Test
    void mixedEscapesAndEscapedHandles() {
        String mixed = "ghp\\u005f" + percentOne(SECRET.substring(4), 3);
        assertFoundAt("v=" + mixed, 2, 2 + mixed.length());
        String handle = Handles.handleFor("gh").replace(".", "%2E");
        Match h = m.find("q=" + handle, 0);
        assertNotNull(h);
        assertEquals(Match.Kind.HANDLE, h.kind());
    }

    @Test
    void escapesWithoutASecretFindNothingAndTheDirectFormStillWins() {
        assertNull(m.find("50%25 of %41%42%43 and \\u0041 and \\/path", 0));
        Match direct = m.find("a " + SECRET + " then " + percentOne(SECRET, 5), 0);
        assertEquals(2, direct.start());
        Match second = m.find("a " + SECRET + " then " + percentOne(SECRET, 5), direct.end());
        assertNotNull(second, "the escaped one after the plain one is found too");
    }

    /**
     * A long body walked match by match: far from its end the escapes are searched in chunks of bytes,
     * and an escape must be found there whatever its chunk, alongside wide characters whose low byte
     * is '%' or a backslash (U+0125, U+015C) and JSON escapes that are no secret's.
     */
    @Test
    void everyEscapedSecretInALongBodyIsFoundWalkingMatchByMatch() {
        StringBuilder b = new StringBuilder();
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            b.append("{\"role\":\"user\",\"content\":\"line\\n \u0125 \u015C ").append("x".repeat(i * 37 % 900)).append(' ');
            starts.add(b.length());
            b.append(i % 3 == 0 ? percentOne(SECRET, i % SECRET.length()) : i % 3 == 1 ? unicodeAll(SECRET) : SECRET);
            b.append("\"}\n");
        }
        String text = b.toString();
        java.util.List<Integer> found = new java.util.ArrayList<>();
        for (Match f = m.find(text, 0); f != null; f = m.find(text, f.end())) {
            assertEquals("gh", f.secret());
            found.add(f.start());
        }
        assertEquals(starts, found);
    }
}
