package io.egressguard.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run by the build after the integration tests (and by the demo check): searches every file under the
 * given folders (child JVM output, audit logs, test reports, demo output) for any form of any canary
 * secret, and fails if one is found. This is the test that "no secret value appears in any output".
 */
public final class CanaryScan {

    private CanaryScan() {}

    public static void main(String[] args) throws IOException {
        List<String> findings = new ArrayList<>();
        long files = 0;
        for (String a : args) {
            Path root = Paths.get(a);
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                    if (p.toString().endsWith(".jar") || p.toString().endsWith(".class")) {
                        continue;
                    }
                    files++;
                    String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                    String found = Canaries.findIn(text);
                    if (found != null) {
                        findings.add(p + ": contains the " + found);
                    }
                }
            }
        }
        if (!findings.isEmpty()) {
            // thrown, not System.exit: this runs inside the Maven JVM
            throw new IllegalStateException("canary secrets found in test output:\n  " + String.join("\n  ", findings));
        }
        System.out.println("canary scan: " + files + " files checked, no secret in any form");
    }
}
