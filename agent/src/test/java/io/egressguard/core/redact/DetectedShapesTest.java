package io.egressguard.core.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.egressguard.bootstrap.Redaction;
import io.egressguard.core.Reporter;
import io.egressguard.core.scan.FastSecretMatcher;
import io.egressguard.core.scan.detect.DetectorCatalog;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Credentials the guard was never told about, recognised by the detector catalog, in the shapes that
 * other tools miss or mangle; and text that must come through unchanged. Every value is invented.
 */
class DetectedShapesTest {

    private static final String PASSWORD = "Zq8#vR2!mK5pT9wX";
    private static final String GITHUB = githubToken("A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5");
    private static final String STRIPE = "sk_live_" + "51HxQw2EbC3dF4gH5jK6lM7nP8qR9sT0uV";

    /** A classic GitHub token shape: prefix, 30 characters, and their CRC32 in base62 as GitHub documents. */
    static String githubToken(String body) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder sum = new StringBuilder();
        for (long v = crc.getValue(); sum.length() < 6; v /= 62) {
            sum.insert(0, digits.charAt((int) (v % 62)));
        }
        return "ghp_" + body + sum;
    }

    private final RedactionService service = new RedactionService(
            new TextRedactor(new FastSecretMatcher(Set.of(), Map.of()), DetectorCatalog.scanner(Set.of())::find),
            RedactionService.defaultStyles(), new Reporter(new PrintStream(new ByteArrayOutputStream()), false));

    private String log(String text) {
        return service.redact(Redaction.Sink.LOG, text);
    }

    @Test
    void aMongoUriInALogLineLosesOnlyItsPassword() {
        assertEquals("connecting to mongodb://svc:[REDACTED:mongodb-url-password]@db.internal:27017/app now",
                log("connecting to mongodb://svc:" + PASSWORD.replace("#", "%23").replace("!", "%21")
                        + "@db.internal:27017/app now"));
    }

    @Test
    void aPasswordOnALoggedCommandLine() {
        String out = log("Command line: java -Xmx1g -jar app.jar --some.password=" + PASSWORD + " --server.port=8080");
        assertEquals("Command line: java -Xmx1g -jar app.jar --some.password=[REDACTED:password-assignment]"
                + " --server.port=8080", out);
    }

    @Test
    void twoVendorsInOnePromptBothReplacedNothingDuplicated() {
        String out = service.redact(Redaction.Sink.LLM, "use " + GITHUB + " and " + STRIPE + " please");
        assertEquals("use [REDACTED:github-personal-access-token] and [REDACTED:stripe-secret-key] please", out);
    }

    @Test
    void aDetectedTokenFollowedByAnEscapedLineBreakInJson() {
        assertEquals("{\"msg\":\"token [REDACTED:github-personal-access-token]\\nnext\"}",
                log("{\"msg\":\"token " + GITHUB + "\\nnext\"}"));
    }

    @Test
    void aJavaStringLiteralWithEscapedJsonAssigningAPassword() {
        String out = log("String s = \"{\\\"password\\\": \\\"" + PASSWORD + "\\\"}\";");
        assertEquals("String s = \"{\\\"password\\\": \\\"[REDACTED:password-assignment]\\\"}\";", out);
    }

    @Test
    void aDetectedTokenSplitAcrossTwoWritesOfAStream() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = service.redacting(Redaction.Sink.LOG, sink);
        byte[] line = ("auth with " + GITHUB + " ok\n").getBytes(StandardCharsets.UTF_8);
        out.write(line, 0, 20);
        out.write(line, 20, line.length - 20);
        out.close();
        assertEquals("auth with [REDACTED:github-personal-access-token] ok\n", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void textThatMustComeThroughUnchanged() {
        for (String text : new String[] {
            "already clean: [REDACTED:github-personal-access-token] and [REDACTED:password-assignment]",
            "{\"key\": \"ctrl+shift+down\", \"when\": \"editorTextFocus\"}",
            "<script src=\"app.js\" integrity=\"sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC\""
                    + " crossorigin=\"anonymous\"></script>",
            "Please enter your username/password to continue.",
            "password: ******** (hidden)", "token=${GITHUB_TOKEN}",
            "the handle egh.github.x7q is what the model sees"}) {
            assertSame(text, log(text), text);
        }
    }

    @Test
    void aTokenPrintedInTwoPiecesWithAFlushBetweenIsStillRecognised() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = service.redacting(Redaction.Sink.CONSOLE, sink);
        out.write(("key: " + STRIPE.substring(0, 15)).getBytes(StandardCharsets.UTF_8));
        out.flush(); // as System.out.print does; the half token must wait for the rest
        assertEquals("", sink.toString(StandardCharsets.UTF_8), "the rest of the line waits for its end");
        out.write((STRIPE.substring(15) + " done\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertEquals("key: [REDACTED:stripe-secret-key] done\n", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPrivateKeyLoggedLineByLineIsRedactedAsOneBlock() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            body.append("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC").append((char) ('a' + i)).append("Invent3d\n");
        }
        String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "-----END PRIVATE KEY-----\n";
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = service.redacting(Redaction.Sink.LOG, sink);
        out.write("loaded key:\n".getBytes(StandardCharsets.UTF_8));
        for (String line : pem.split("(?<=\n)")) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        out.write("after\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        String got = sink.toString(StandardCharsets.UTF_8);
        assertEquals(false, got.contains("MIIEvQIBADAN"), got);
        assertEquals(true, got.startsWith("loaded key:\n") && got.endsWith("after\n") && got.contains("[REDACTED:pem-private-key]"), got);
    }

    @Test
    void base64OfAJsonDocumentWhosePasswordHasEscapesGoesWhole() throws Exception {
        String json = "{\"user\":\"svc\",\"password\":\"" + "Xy7\\n\\\"k2Lp9Qz4Rt8Vw3" + "\"}";
        String b64 = java.util.Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        assertEquals("config: [REDACTED:password-assignment] loaded", log("config: " + b64 + " loaded"));
        String plain = java.util.Base64.getEncoder().encodeToString(
                "just an ordinary sentence with nothing secret in it".getBytes(StandardCharsets.UTF_8));
        String text = "blob " + plain;
        assertSame(text, log(text), "base64 of ordinary text stays");
    }

    @Test
    void aCredentialRecognisedByItsContextAtTheEndOfAPrintlnIsRedacted() throws Exception {
        String value = "ZQqBPvxmNH5KuEIOOsKsMdVE";
        for (String line : new String[] {"password: " + value, "Authorization: Bearer " + value,
                "jdbc:mysql://app:" + value + "@db.internal/prod"}) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            OutputStream out = service.redacting(Redaction.Sink.CONSOLE, sink);
            java.io.PrintStream console = new java.io.PrintStream(out, true, "UTF-8"); // System.out's shape
            console.println(line);
            String got = sink.toString(StandardCharsets.UTF_8);
            assertEquals(false, got.contains(value), got);
            assertEquals(true, got.endsWith("\n") && got.contains("[REDACTED:"), got);
        }
    }

    @Test
    void theRestOfALineAppearsSoonAfterAFlushEvenWithoutALineBreak() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = service.redacting(Redaction.Sink.CONSOLE, sink);
        out.write("Continue? [y/N] ".getBytes(StandardCharsets.UTF_8));
        out.flush();
        long end = System.nanoTime() + 5_000_000_000L;
        while (sink.size() == 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals("Continue? [y/N] ", sink.toString(StandardCharsets.UTF_8), "a prompt is not held for good");
    }

    @Test
    void aPrivateKeyPrintedLineByLineWithPrintlnIsRedactedAsOneBlock() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            body.append("MIICeAIBADANBgkqhkiG9w0BAQEFAASCAmIwggJeAgEAAoGBAK+mVtUS").append((char) ('a' + i)).append("nv3nted\n");
        }
        String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "-----END PRIVATE KEY-----\n";
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        // System.out is a PrintStream subclass: println writes the text, flushes, then writes the line break
        java.io.PrintStream console = new java.io.PrintStream(service.redacting(Redaction.Sink.CONSOLE, sink), true,
                "UTF-8") { };
        console.println("key:");
        for (String line : pem.split("\n")) {
            console.println(line);
        }
        console.println("-----BEGIN PUBLIC KEY-----");
        console.println("not a secret, not held");
        String got = sink.toString(StandardCharsets.UTF_8);
        assertEquals("key:\n[REDACTED:pem-private-key]\n-----BEGIN PUBLIC KEY-----\nnot a secret, not held\n", got);
    }
}
