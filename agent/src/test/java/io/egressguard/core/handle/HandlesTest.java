package io.egressguard.core.handle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The handle syntax {@code egh.NAME.CHECK}: what the application holds instead of a secret. */
class HandlesTest {

    private static final Pattern SYNTAX = Pattern.compile("egh\\.[a-z0-9][a-z0-9_-]{0,62}\\.[a-z2-7]{4}");

    @Test
    void formatIsPrefixNameAndFourCheckCharacters() {
        String h = Handles.handleFor("github");
        assertTrue(SYNTAX.matcher(h).matches(), h);
        assertTrue(h.startsWith("egh.github."), h);
        assertEquals("egh.github.".length() + 4, h.length());
        assertEquals(h, Handles.handleFor("github"), "a handle depends on the name only");
        assertNotEquals(Handles.handleFor("github"), Handles.handleFor("githuc"));
    }

    @Test
    void handlesAreValidUnchangedInUrlsHeadersJsonAndEnvironmentVariables() {
        String h = Handles.handleFor("openai-prod_2");
        assertEquals(h, URLEncoder.encode(h, StandardCharsets.UTF_8), "no character needs URL encoding");
        assertEquals("/" + h, URI.create("https://x.example/" + h).getRawPath());
        for (char c : h.toCharArray()) {
            assertTrue((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_',
                    "only URL-unreserved characters, no quote or backslash for JSON: " + h);
        }
    }

    @Test
    void handleLengthAtFindsAHandleInsideText() {
        String h = Handles.handleFor("github");
        String text = "Authorization: Bearer " + h + "\r\n";
        int start = text.indexOf("egh.");
        assertEquals(h.length(), Handles.handleLengthAt(text, start));
        assertEquals("github", Handles.nameOf(text.substring(start, start + h.length())));
        assertEquals(h.length(), Handles.handleLengthAt(h, 0), "a handle that ends the text");
        assertEquals(h.length(), Handles.handleLengthAt("\"" + h + "\"", 1), "inside JSON quotes");
        assertEquals(h.length(), Handles.handleLengthAt("?token=" + h + "&x=1", 7), "in a query string");
        assertEquals(h.length(), Handles.handleLengthAt(h + ".com", 0), "followed by a dot: a handle then text");
    }

    @Test
    void handleLengthAtBoundaries() {
        String h = Handles.handleFor("github");
        assertEquals(0, Handles.handleLengthAt(h, 1), "not at the start of the handle");
        assertEquals(0, Handles.handleLengthAt(h.substring(0, h.length() - 1), 0), "check cut short");
        assertEquals(h.length(), Handles.handleLengthAt(h + "x", 0), "glued to more text, it still carries the handle");
        assertEquals(0, Handles.handleLengthAt("", 0));
        assertEquals(0, Handles.handleLengthAt("egh.", 0));
        assertEquals(0, Handles.handleLengthAt("egh..abcd", 0), "empty name");
        assertEquals(0, Handles.handleLengthAt("EGH.github" + h.substring(10), 0), "the prefix is lower case");
        assertEquals(0, Handles.handleLengthAt("egh.github.com", 0), "a host name is not a handle");
        assertEquals(0, Handles.handleLengthAt("egh.github.coma", 0), "four letters, but the wrong check");
        assertEquals(0, Handles.handleLengthAt("egh._x." + Handles.check("_x"), 0), "no name starts with '_'");
        assertEquals(0, Handles.handleLengthAt("egh.-x." + Handles.check("-x"), 0), "no name starts with '-'");
    }

    @Test
    void aWrongCheckIsRejectedForEveryPosition() {
        String h = Handles.handleFor("github");
        int checkStart = h.length() - Handles.CHECK_LENGTH;
        for (int i = checkStart; i < h.length(); i++) {
            char wrong = h.charAt(i) == 'a' ? 'b' : 'a';
            String typo = h.substring(0, i) + wrong + h.substring(i + 1);
            assertEquals(0, Handles.handleLengthAt(typo, 0), typo);
        }
    }

    @Test
    void longestNameIsAcceptedOneMoreIsNot() {
        String name63 = "a".repeat(Handles.MAX_NAME_LENGTH);
        String h = Handles.handleFor(name63);
        assertEquals(h.length(), Handles.handleLengthAt(h, 0));
        String name64 = "a".repeat(Handles.MAX_NAME_LENGTH + 1);
        assertNotNull(Handles.nameProblem(name64));
        assertEquals(0, Handles.handleLengthAt("egh." + name64 + "." + Handles.check(name64), 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"github", "a", "0", "openai-prod", "my_api_2"})
    void validNames(String name) {
        assertNull(Handles.nameProblem(name));
        assertTrue(Handles.isValidName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GitHub", "git hub", "_x", "-x", "a.b", "a/b", "#audit-key", "é"})
    void invalidNames(String name) {
        assertNotNull(Handles.nameProblem(name), name);
        assertFalse(Handles.isValidName(name));
        assertThrows(IllegalArgumentException.class, () -> Handles.handleFor(name));
    }

    @Test
    void nullNameIsInvalid() {
        assertNotNull(Handles.nameProblem(null));
        assertFalse(Handles.isValidName(null));
    }

    @Test
    void handlesNeverLookLikeCommonCredentialFormats() {
        String h = Handles.handleFor("github");
        for (String prefix : new String[] {"ghp_", "gho_", "sk-", "xoxb-", "xoxp-", "AKIA", "eyJ", "sk_live_", "glpat-"}) {
            assertFalse(h.startsWith(prefix), h);
        }
    }
}
