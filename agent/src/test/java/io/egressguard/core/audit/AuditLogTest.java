package io.egressguard.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log is tamper-evident: any line edited, removed, inserted or moved is found by
 * {@link AuditLines#verify}, at the line where the chain breaks, and writers sharing a file keep
 * one valid chain.
 */
class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path file;
    private final byte[] key = new byte[32];

    @BeforeEach
    void setUp() {
        file = dir.resolve("audit.jsonl");
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
    }

    private static AuditEvent event(AuditEvent.Outcome outcome, String secret, String path) {
        return new AuditEvent(outcome, secret, secret + "@api.example.com", "https://api.example.com:443", "GET", path,
                "okhttp", "handle replaced in Authorization", null, null);
    }

    private List<String> writeLines(int n) throws Exception {
        AuditLog log = AuditLog.open(file, key);
        for (int i = 1; i <= n; i++) {
            log.record(event(i % 2 == 0 ? AuditEvent.Outcome.BLOCKED : AuditEvent.Outcome.INJECTED, "github", "/repos/" + i));
        }
        log.close();
        return lines();
    }

    private List<String> lines() throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private void rewrite(List<String> lines) throws Exception {
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private AuditLines.Verification verify() throws Exception {
        return AuditLines.verify(file, key);
    }

    @Test
    void anUntouchedLogVerifies() throws Exception {
        List<String> lines = writeLines(5);
        assertEquals(5, lines.size());
        AuditLines.Verification v = verify();
        assertTrue(v.ok(), v.problem);
        assertEquals(5, v.lines);
        assertEquals(5, v.lastSeq);
        assertEquals(JSON.readTree(lines.get(4)).get("time").asText(), v.lastTime);
    }

    @Test
    void eachLineRecordsTheDecisionAndNeverAValue() throws Exception {
        JsonNode line = JSON.readTree(writeLines(1).get(0));
        List<String> fields = new ArrayList<>();
        line.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("time", "seq", "decision", "secret", "rule", "destination", "method", "path", "client",
                "identity", "tool", "reason", "prev", "mac"), fields, "a fixed set of fields, none of them for a value");
        assertEquals("injected", line.get("decision").asText());
        assertEquals("github", line.get("secret").asText());
        assertEquals("github@api.example.com", line.get("rule").asText());
        assertEquals("https://api.example.com:443", line.get("destination").asText());
        assertEquals("/repos/1", line.get("path").asText());
        assertTrue(line.get("time").asText().endsWith("Z"));
    }

    @Test
    void anEditedLineIsFoundAtThatLine() throws Exception {
        List<String> lines = writeLines(5);
        lines.set(2, lines.get(2).replace("\"injected\"", "\"blocked\""));
        rewrite(lines);
        AuditLines.Verification v = verify();
        assertFalse(v.ok());
        assertEquals(3, v.firstBadLine);
        assertTrue(v.problem.contains("modified"), v.problem);
    }

    @Test
    void aRemovedLineIsFoundAtTheLineAfterIt() throws Exception {
        List<String> lines = writeLines(5);
        lines.remove(1);
        rewrite(lines);
        AuditLines.Verification v = verify();
        assertEquals(2, v.firstBadLine);
        assertTrue(v.problem.contains("chain broken"), v.problem);
    }

    @Test
    void removingTheFirstLineIsFound() throws Exception {
        List<String> lines = writeLines(3);
        lines.remove(0);
        rewrite(lines);
        assertEquals(1, verify().firstBadLine);
    }

    @Test
    void reorderedLinesAreFound() throws Exception {
        List<String> lines = writeLines(5);
        Collections.swap(lines, 1, 3);
        rewrite(lines);
        AuditLines.Verification v = verify();
        assertEquals(2, v.firstBadLine);
        assertTrue(v.problem.contains("chain broken"), v.problem);
    }

    @Test
    void anInsertedLineIsFound() throws Exception {
        List<String> lines = writeLines(4);
        lines.add(2, lines.get(1)); // a copy of a genuine line
        rewrite(lines);
        assertEquals(3, verify().firstBadLine);

        List<String> forged = writeLinesIn("forged.jsonl", 4);
        forged.add(2, "{\"time\":\"2025-01-01T00:00:00Z\",\"seq\":3,\"decision\":\"injected\",\"mac\":\"00\"}");
        Files.write(file, forged, StandardCharsets.UTF_8);
        assertEquals(3, verify().firstBadLine);
    }

    private List<String> writeLinesIn(String name, int n) throws Exception {
        Path saved = file;
        file = dir.resolve(name);
        try {
            return writeLines(n);
        } finally {
            file = saved;
        }
    }

    @Test
    void aBlankedOrCutLineIsFound() throws Exception {
        List<String> lines = writeLines(3);
        lines.set(1, "");
        rewrite(lines);
        assertTrue(verify().problem.contains("empty line"));
        List<String> again = writeLinesIn("cut.jsonl", 3);
        again.set(2, again.get(2).substring(0, 40));
        Files.write(file, again, StandardCharsets.UTF_8);
        AuditLines.Verification v = verify();
        assertEquals(3, v.firstBadLine);
        assertTrue(v.problem.contains("no mac"), v.problem);
    }

    @Test
    void anotherKeyDoesNotVerify() throws Exception {
        writeLines(2);
        byte[] other = key.clone();
        other[0] ^= 1;
        AuditLines.Verification v = AuditLines.verify(file, other);
        assertEquals(1, v.firstBadLine);
    }

    @Test
    void linesCutFromTheEndLeaveAValidButShorterChainWhoseLastSeqShowsIt() throws Exception {
        List<String> lines = writeLines(5);
        rewrite(lines.subList(0, 3));
        AuditLines.Verification v = verify();
        assertTrue(v.ok(), "a hash chain cannot see a cut tail; this is why verify reports the last seq");
        assertEquals(3, v.lastSeq);
    }

    @Test
    void aReopenedLogContinuesTheChain() throws Exception {
        writeLines(2);
        writeLines(2);
        List<String> lines = lines();
        assertEquals(4, lines.size());
        assertEquals(4, JSON.readTree(lines.get(3)).get("seq").asLong());
        assertTrue(verify().ok(), verify().problem);
    }

    @Test
    void awkwardTextStaysOnOneLineAndVerifies() throws Exception {
        AuditLog log = AuditLog.open(file, key);
        log.record(event(AuditEvent.Outcome.BLOCKED, "github", "/a\"b\\c\nd\u2028e\u0001f"));
        log.close();
        List<String> lines = lines();
        assertEquals(1, lines.size());
        assertEquals("/a\"b\\c\nd\u2028e\u0001f", JSON.readTree(lines.get(0)).get("path").asText());
        assertTrue(verify().ok(), verify().problem);
    }

    @Test
    void twoWritersAppendingToOneFileKeepOneValidChain() throws Exception {
        AuditLog a = AuditLog.open(file, key);
        AuditLog b = AuditLog.open(file, key);
        int perWriter = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (AuditLog log : List.of(a, b)) {
            String secret = log == a ? "writer-a" : "writer-b";
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perWriter; i++) {
                    log.record(event(AuditEvent.Outcome.INJECTED, secret, "/" + i));
                    if (i % 10 == 0) {
                        log.flush();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(60_000);
        }
        a.close();
        b.close();
        assertNull(a.failure());
        assertNull(b.failure());

        List<String> lines = lines();
        assertEquals(2 * perWriter, lines.size(), "no line lost");
        Set<String> writers = new TreeSet<>();
        for (String l : lines) {
            writers.add(JSON.readTree(l).get("secret").asText());
        }
        assertEquals(Set.of("writer-a", "writer-b"), writers);
        AuditLines.Verification v = verify();
        assertTrue(v.ok(), "line " + v.firstBadLine + ": " + v.problem);
        assertEquals(2 * perWriter, v.lastSeq);
    }
}
