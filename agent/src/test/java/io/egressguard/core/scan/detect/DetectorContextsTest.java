package io.egressguard.core.scan.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The full catalog over the places credentials really turn up: not quoted, mid-line, in JSON escaped
 * once or twice, in URLs, on command lines, several in one text. Only the credential itself is found.
 * Every value is invented.
 */
class DetectorContextsTest {

    private static final DetectorScanner SCANNER = DetectorCatalog.scanner(Set.of());

    private static final String GHP = fakeGithub("ghp_", "0123456789ABCDEFGHIJabcdefghij");
    private static final String STRIPE = "sk_live_" + "0aB1cD2eF3gH4iJ5kL6mN7oP8";
    private static final String PASSWORD = "Zx9-qT4!vB7w";

    /** Each finding as "id=text it covers". */
    private static List<String> found(String text) {
        return SCANNER.find(text).stream()
            .map(f -> f.detectorId() + "=" + text.substring(f.start(), f.end()))
            .collect(Collectors.toList());
    }

    static String fakeGithub(String prefix, String body) {
        return prefix + body + Validators.checksum62(body);
    }

    @Test
    void unquotedMidLineAndAcrossLineBreaksOfTheSurroundingText() {
        assertEquals(List.of("github-personal-access-token=" + GHP), found("cloning with " + GHP + " now"));
        assertEquals(List.of("github-personal-access-token=" + GHP), found("line one\r\n" + GHP + "\nline three"));
        assertEquals(List.of("github-personal-access-token=" + GHP), found(GHP));
        assertEquals(List.of("github-personal-access-token=" + GHP), found("token:\n  " + GHP));
    }

    @Test
    void insideJsonEscapedStrings() {
        // a JSON document inside a JSON string (a log line holding a request body)
        assertEquals(List.of("password-assignment=" + PASSWORD),
            found("{\"body\":\"{\\\"user\\\":\\\"bob\\\",\\\"password\\\":\\\"" + PASSWORD + "\\\"}\"}"));
        // a secret followed by a literal backslash-n
        assertEquals(List.of("github-personal-access-token=" + GHP), found("\"msg\":\"token " + GHP + "\\nnext line\""));
        assertEquals(List.of("password-assignment=" + PASSWORD), found("\"password=" + PASSWORD + "\\n\""));
        // and preceded by one: the escape ends the previous word
        assertEquals(List.of("github-personal-access-token=" + GHP), found("\"first line\\n" + GHP + "\""));
    }

    @Test
    void inAJavaStringLiteralHoldingEscapedJson() {
        String source = "String body = \"{\\\"api_key\\\": \\\"" + PASSWORD + "\\\", \\\"model\\\": \\\"gpt\\\"}\";";
        assertEquals(List.of("api-key-assignment=" + PASSWORD), found(source));
    }

    @Test
    void urlsWithUserInfoMarkOnlyThePassword() {
        assertEquals(List.of("url-password=p%40ss%2Fw0rd-9Qz"), found("GET https://deploy:p%40ss%2Fw0rd-9Qz@repo.internal/x"));
        assertEquals(List.of("mongodb-url-password=" + PASSWORD), found("mongodb://user:" + PASSWORD + "@host:27017/db"));
        assertEquals(List.of(), found("mongodb://user:<password>@host:27017/db"));
        assertEquals(List.of("postgres-url-password=" + PASSWORD),
            found("jdbc:postgresql://app:" + PASSWORD + "@db:5432/app?sslmode=require"));
    }

    @Test
    void commandLineOptionsInALog() {
        String log = "2024-05-01 INFO started: java -Xmx1g -Dspring.profiles.active=prod -Ddb.secret=" + PASSWORD
            + " -jar app.jar --some.password=" + PASSWORD + "2 --server.port=8080";
        assertEquals(List.of("secret-assignment=" + PASSWORD, "password-assignment=" + PASSWORD + "2"), found(log));
    }

    @Test
    void twoVendorsInOneTextAreBothFoundOnce() {
        String text = "GITHUB_TOKEN=" + GHP + " STRIPE_KEY=" + STRIPE + " GITHUB_TOKEN=" + GHP;
        assertEquals(List.of("github-personal-access-token=" + GHP, "stripe-secret-key=" + STRIPE,
            "github-personal-access-token=" + GHP), found(text));
    }

    @Test
    void onlyTheValueOfAnAssignmentIsMarkedNotTheKey() {
        assertEquals(List.of("password-assignment=" + PASSWORD), found("DB_PASSWORD=\"" + PASSWORD + "\";"));
        assertEquals(List.of("password-assignment=" + PASSWORD), found("db:\n  password: '" + PASSWORD + "'\n"));
        assertEquals(List.of("token-assignment=" + PASSWORD), found("<token>x</token> auth_token => '" + PASSWORD + "'"));
    }

    @Test
    void notSecrets() {
        assertEquals(List.of(), found("{\"key\": \"ctrl+shift+down\", \"when\": \"editorTextFocus\"}"));
        assertEquals(List.of(), found("password: ********"));
        assertEquals(List.of(), found("token=${TOKEN}"));
        assertEquals(List.of(), found("secret=<redacted>"));
        assertEquals(List.of(), found("Enter your username/password and press OK. Password: incorrect"));
        assertEquals(List.of(), found("<link integrity=\"sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC\">"));
        assertEquals(List.of(), found("secret: sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC"));
        assertEquals(List.of(), found("{\"request_id\": \"550e8400-e29b-41d4-a716-446655440000\", \"trace_id\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}"));
        assertEquals(List.of(), found("key_file=/etc/ssl/private/server.key password_file=C:\\secrets\\db.txt"));
        assertEquals(List.of(), found("max_tokens=4096 token_count=1234 tokens_used=98765"));
    }

    @Test
    void redactedTextIsNeverDetectedAgain() {
        List<String> redactedExamples = new ArrayList<>();
        for (DetectorExamplesTest.Example ex : DetectorExamplesTest.examples()) {
            if (ex.truePositive) {
                String text = DetectorExamplesTest.plain(ex.marked);
                redactedExamples.add(redact(text));
            }
        }
        for (String redacted : redactedExamples) {
            assertEquals(List.of(), found(redacted), redacted);
        }
    }

    private static String redact(String text) {
        StringBuilder b = new StringBuilder();
        int at = 0;
        for (Finding f : SCANNER.find(text)) {
            b.append(text, at, f.start()).append("[REDACTED:").append(f.detectorId()).append(']');
            at = f.end();
        }
        return b.append(text.substring(at)).toString();
    }
}
