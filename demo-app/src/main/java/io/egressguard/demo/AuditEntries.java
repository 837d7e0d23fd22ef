package io.egressguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The guard's audit log (JSON lines), read back for the narrative and the self-check. */
final class AuditEntries {

    /** One decision; {@code tool} is null for a request made outside any tool. */
    record Entry(long seq, String decision, String secret, String rule, String destination, String method, String path,
            String client, String identity, String tool, String reason) {}

    private AuditEntries() {}

    static List<Entry> read(Path file) {
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        ObjectMapper json = new ObjectMapper();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                out.add(new Entry(n.path("seq").asLong(), n.path("decision").asText(), n.path("secret").asText(),
                        n.path("rule").asText(), n.path("destination").asText(), n.path("method").asText(),
                        n.path("path").asText(), n.path("client").asText(), n.path("identity").asText(),
                        n.path("tool").isTextual() ? n.path("tool").asText() : null, n.path("reason").asText()));
            }
        } catch (IOException e) {
            throw new DemoFailure(file + ": cannot read the audit log: " + e.getMessage(), e);
        }
        return out;
    }

    /** The decisions of one identity about one secret. */
    static long count(List<Entry> entries, String identity, String decision, String secret) {
        return entries.stream().filter(e -> e.identity().equals(identity) && e.decision().equals(decision)
                && e.secret().equals(secret)).count();
    }
}
