package io.egressguard.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Searches files for the demo's secrets in any of their forms ({@link DemoSecrets#forms}). */
final class OutputScan {

    private OutputScan() {}

    /** "file: contains FORM of SECRET" for every file under {@code root} that holds a secret. */
    static List<String> findings(Path root) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                // ISO-8859-1 maps every byte to one char, so binary files are searched too
                String found = DemoSecrets.findIn(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                if (found != null) {
                    out.add(root.relativize(p) + ": contains " + found);
                }
            }
        } catch (IOException e) {
            out.add(root + ": cannot be searched: " + e.getMessage());
        }
        return out;
    }

    static long fileCount(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
