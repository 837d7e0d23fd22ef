package io.egressguard.core.scan.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The scanner runs on application threads (a logger, an HTTP client), some with small stacks: no input,
 * however large or hostile, may make it throw. java.util.regex recurses once per repetition of a
 * group, so a pattern repeating a group thousands of times overflows on a large key; these inputs
 * would show it.
 */
class DetectorRobustnessTest {

    private static final DetectorScanner SCANNER = DetectorCatalog.scanner(Set.of());

    @Test
    void largeCredentialsOnASmallStack() throws Exception {
        StringBuilder pem = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
        for (int i = 0; i < 240; i++) {
            pem.append("MIIEowIBAAKCAQEA0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM\n");
        }
        pem.append("-----END RSA PRIVATE KEY-----");
        String longValue = "Zx9-qT4!vB7w".repeat(42); // 504 characters
        List<String> texts = List.of(
            pem.toString(),
            "{\"private_key\": \"" + pem.toString().replace("\n", "\\n") + "\"}",
            "password=" + longValue + "&a=" + longValue,
            "Authorization: Bearer " + "aB3cD5eF7gH9iJ2k".repeat(250),
            "token=" + "a&b".repeat(2000));
        List<String> found = onSmallStack(() -> {
            List<String> out = new ArrayList<>();
            for (String t : texts) {
                out.add(SCANNER.find(t).isEmpty() ? "-" : SCANNER.find(t).get(0).detectorId());
            }
            return out;
        });
        assertEquals(List.of("pem-private-key", "pem-private-key", "password-assignment", "bearer-token", "-"), found);
    }

    @Test
    void everyKeywordRepeatedWithHostileFillersOnASmallStack() throws Exception {
        Set<String> keywords = new TreeSet<>();
        DetectorCatalog.all().forEach(d -> keywords.addAll(d.keywords()));
        String[] fillers = {"", "=", ":", "a", "A1b2", "/", "-", "&", "\\n", "x:y@", "-----END RSA PRIVATE KEY-----"};
        List<String> done = onSmallStack(() -> {
            List<String> out = new ArrayList<>();
            for (String k : keywords) {
                for (String f : fillers) {
                    StringBuilder b = new StringBuilder();
                    while (b.length() < 1200) {
                        b.append(k).append(f);
                    }
                    SCANNER.find(b);
                }
                out.add(k);
            }
            return out;
        });
        assertEquals(keywords.size(), done.size());
    }

    private interface Work {
        List<String> run();
    }

    private static List<String> onSmallStack(Work work) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.run());
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        if (result.get() instanceof Throwable) {
            throw new AssertionError("the scanner threw on a 256 KB stack", (Throwable) result.get());
        }
        @SuppressWarnings("unchecked")
        List<String> out = (List<String>) result.get();
        return out;
    }
}
