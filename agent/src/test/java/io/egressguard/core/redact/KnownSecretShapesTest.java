package io.egressguard.core.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressguard.bootstrap.Redaction;
import io.egressguard.core.Reporter;
import io.egressguard.core.scan.FastSecretMatcher;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shapes in which known secrets reach logs, prompts and traces, and which redaction tools are known to
 * miss or mangle. Every value here is invented.
 */
class KnownSecretShapesTest {

    private static final String PG = "Pg-pw-7Hq2Lx9Vz4Kc1Nb8Rt5Ym3Ws6Qd0Ea";
    private static final String WITH_ESCAPES = "line1\nq\"uote-x8Fj2Lq9Zr4Tb7Wn1";
    private static final String PERCENTY = "p@ss/w:rd%x9-Lm4Qz8Rt2Vb6Nc1";
    private static final String STRIPE_LIKE = "sk_test_4eC39HqLyjWDarjtT1zdp7dcInVentEdHere";
    private static final String SLACK_LIKE = "xoxb-1111111111-2222222222222-InventedSlackTokenXyz";
    private static final String LONG = "LONG-" + "Qm9vZkJhckJhekxvbmdTZWNyZXQ".repeat(12) + "-END";

    private final Map<String, String> secrets = Map.of("pg", PG, "escapes", WITH_ESCAPES, "percenty", PERCENTY,
            "stripe", STRIPE_LIKE, "slack", SLACK_LIKE, "long", LONG);
    private final RedactionService service = service(secrets);

    static RedactionService service(Map<String, String> secrets) {
        Map<String, byte[]> values = new HashMap<>();
        secrets.forEach((k, v) -> values.put(k, v.getBytes(StandardCharsets.UTF_8)));
        FastSecretMatcher m = new FastSecretMatcher(secrets.keySet(), values);
        return new RedactionService(new TextRedactor(m, TextRedactor.NO_DETECTION), RedactionService.defaultStyles(),
                new Reporter(new PrintStream(new ByteArrayOutputStream()), false));
    }

    private String log(String text) {
        return service.redact(Redaction.Sink.LOG, text);
    }

    private void assertClean(String out) {
        for (Map.Entry<String, String> e : secrets.entrySet()) {
            assertFalse(out.contains(e.getValue()), e.getKey() + " left in: " + out);
        }
    }

    @Test
    void aSecretFollowedByAnEscapedLineBreakInsideJson() {
        String out = log("{\"msg\":\"connecting with " + PG + "\\nretrying\"}");
        assertEquals("{\"msg\":\"connecting with [REDACTED:pg]\\nretrying\"}", out);
    }

    @Test
    void aLongCredentialSplitAcrossTwoWritesOfAStream() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = service.redacting(Redaction.Sink.LOG, sink);
        byte[] line = ("token: " + LONG + " done\n").getBytes(StandardCharsets.UTF_8);
        int cut = 7 + LONG.length() / 2;
        out.write(line, 0, cut);
        out.flush(); // a flush in the middle must not let the first half out
        out.write(line, cut, line.length - cut);
        out.close();
        assertEquals("token: [REDACTED:long] done\n", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void manySecretsInALargeInputWithoutLineBreaksWhereBufferBoundariesFallInsideThem() throws Exception {
        StringBuilder in = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        int i = 0;
        while (in.length() < 300_000) {
            String filler = "k" + i++ + "=v;";
            in.append(filler).append(PG).append(';').append(STRIPE_LIKE).append(' ');
            expected.append(filler).append("[REDACTED:pg];[REDACTED:stripe] ");
        }
        byte[] bytes = in.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = service.redacting(Redaction.Sink.LOG, sink);
        for (int off = 0; off < bytes.length; off += 997) { // odd chunk size: boundaries land everywhere
            out.write(bytes, off, Math.min(997, bytes.length - off));
        }
        out.close();
        String got = sink.toString(StandardCharsets.UTF_8);
        int differ = 0;
        while (differ < Math.min(got.length(), expected.length()) && got.charAt(differ) == expected.charAt(differ)) {
            differ++;
        }
        assertEquals(expected.length(), differ, "first difference at " + differ + ": "
                + got.substring(Math.max(0, differ - 40), Math.min(got.length(), differ + 80)));
        assertEquals(expected.length(), got.length());
    }

    @Test
    void base64OfAJsonDocumentWhosePasswordHasEscapes() throws Exception {
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                Map.of("user", "svc", "password", WITH_ESCAPES));
        assertTrue(json.contains("\\n") && json.contains("\\\""), json);
        for (Base64.Encoder enc : new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
            for (String prefix : new String[] {"", "x", "xy"}) { // each alignment
                String b64 = enc.encodeToString((prefix + json).getBytes(StandardCharsets.UTF_8));
                String out = log("data: " + b64 + " end");
                assertEquals("data: [REDACTED:escapes] end", out, "whole base64 run replaced: " + b64);
            }
        }
    }

    @Test
    void aJavaStringLiteralWithEscapedJson() {
        String literal = "String body = \"{\\\"user\\\":\\\"svc\\\",\\\"password\\\":\\\"" + PG + "\\\"}\";";
        assertEquals("String body = \"{\\\"user\\\":\\\"svc\\\",\\\"password\\\":\\\"[REDACTED:pg]\\\"}\";", log(literal));
    }

    @Test
    void aUrlWhosePasswordIsPercentEncoded() {
        String url = "https://svc:" + URLEncoder.encode(PERCENTY, StandardCharsets.UTF_8) + "@db.example.com/x";
        assertEquals("GET https://svc:[REDACTED:percenty]@db.example.com/x", log("GET " + url));
    }

    @Test
    void twoSecretsOfDifferentVendorsInOnePromptBothReplacedOnce() {
        String prompt = "{\"messages\":[{\"role\":\"user\",\"content\":\"stripe " + STRIPE_LIKE + " and slack " + SLACK_LIKE
                + " and stripe again " + STRIPE_LIKE + "\"}]}";
        String out = service.redact(Redaction.Sink.LLM, prompt);
        String stripe = io.egressguard.core.handle.Handles.handleFor("stripe");
        String slack = io.egressguard.core.handle.Handles.handleFor("slack");
        assertEquals("{\"messages\":[{\"role\":\"user\",\"content\":\"stripe " + stripe + " and slack " + slack
                + " and stripe again " + stripe + "\"}]}", out);
    }

    @Test
    void aPasswordOnALoggedCommandLineAndInAMongoUri() {
        assertEquals("started: java -jar app.jar --some.password=[REDACTED:pg] --port=8080",
                log("started: java -jar app.jar --some.password=" + PG + " --port=8080"));
        assertEquals("connecting to mongodb://svc:[REDACTED:pg]@db.internal:27017/app",
                log("connecting to mongodb://svc:" + PG + "@db.internal:27017/app"));
    }

    @Test
    void textWithoutSecretsComesThroughAsTheSameInstance() {
        for (String text : new String[] {"already [REDACTED:pg] here", "\"key\": \"ctrl+shift+down\"",
                "<script integrity=\"sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC\"></script>",
                "enter your username/password", "use " + io.egressguard.core.handle.Handles.handleFor("pg") + " here"}) {
            assertSame(text, log(text), text);
        }
    }

    @Test
    void everyOccurrenceIsReplacedNotOnlyTheFirst() {
        String out = log(PG + "," + PG + "," + URLEncoder.encode(PG, StandardCharsets.UTF_8) + "," + PG);
        assertEquals("[REDACTED:pg],[REDACTED:pg],[REDACTED:pg],[REDACTED:pg]", out);
        assertClean(out);
    }
}
