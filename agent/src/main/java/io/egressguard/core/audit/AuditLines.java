package io.egressguard.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Formats audit lines and checks a whole log's chain. */
public final class AuditLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLines() {}

    /** The line without its {@code mac}, as the MAC covers it (ends with '}'). */
    static String body(AuditEvent e, long seq, String previousMac) {
        StringBuilder sb = new StringBuilder(256);
        sb.append('{');
        str(sb, "time", AuditLog.isoTime(e.timeMillis)).append(',');
        sb.append("\"seq\":").append(seq).append(',');
        str(sb, "decision", e.outcome.label()).append(',');
        str(sb, "secret", e.secret).append(',');
        str(sb, "rule", e.rule).append(',');
        str(sb, "destination", e.destination).append(',');
        str(sb, "method", e.method).append(',');
        str(sb, "path", e.path).append(',');
        str(sb, "client", e.client).append(',');
        str(sb, "identity", e.identity).append(',');
        str(sb, "tool", e.tool).append(',');
        str(sb, "reason", e.reason).append(',');
        str(sb, "prev", previousMac);
        sb.append('}');
        return sb.toString();
    }

    private static StringBuilder str(StringBuilder sb, String name, String value) {
        sb.append('"').append(name).append("\":");
        if (value == null) {
            return sb.append("null");
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"');
    }

    /** A top-level field of a line as text, or {@code null}. */
    static String field(String line, String name) {
        try {
            JsonNode n = JSON.readTree(line);
            JsonNode v = n == null ? null : n.get(name);
            return v == null || v.isNull() ? null : v.asText();
        } catch (IOException e) {
            return null;
        }
    }

    /** Result of checking a log. */
    public static final class Verification {
        public final long lines;
        public final long firstBadLine;
        public final String problem;
        /** The {@code seq} and {@code time} of the last line checked, for the operator to compare with what they expect. */
        public final long lastSeq;
        public final String lastTime;

        Verification(long lines, long firstBadLine, String problem, long lastSeq, String lastTime) {
            this.lines = lines;
            this.firstBadLine = firstBadLine;
            this.problem = problem;
            this.lastSeq = lastSeq;
            this.lastTime = lastTime;
        }

        public boolean ok() {
            return problem == null;
        }
    }

    /**
     * Checks every line's MAC and the chain between lines. Detects a line edited, removed, inserted or
     * moved anywhere but at the very end: lines cut from the end leave a shorter chain that is still
     * valid, which is why the result reports the last {@code seq}.
     */
    public static Verification verify(Path file, byte[] key) throws IOException {
        String previous = AuditLog.GENESIS;
        long n = 0;
        long lastSeq = 0;
        String lastTime = null;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isEmpty()) {
                    return new Verification(n, n, "empty line: a line was blanked out", lastSeq, lastTime);
                }
                int at = line.lastIndexOf(",\"mac\":\"");
                if (at < 0 || !line.endsWith("\"}")) {
                    return new Verification(n, n, "line has no mac: it was not written by Egress Guard, or it was cut",
                            lastSeq, lastTime);
                }
                String mac = line.substring(at + 8, line.length() - 2);
                String body = line.substring(0, at) + "}";
                String prev = field(line, "prev");
                if (prev == null || !prev.equals(previous)) {
                    return new Verification(n, n, "chain broken: this line does not follow the previous one"
                            + " (a line was removed, inserted or reordered before it)", lastSeq, lastTime);
                }
                if (!AuditLog.mac(key, previous, body).equals(mac)) {
                    return new Verification(n, n, "line was modified (its mac does not match)", lastSeq, lastTime);
                }
                long seq = parseSeq(field(line, "seq"));
                if (n > 1 && seq != lastSeq + 1) {
                    return new Verification(n, n, "seq " + seq + " does not follow seq " + lastSeq, lastSeq, lastTime);
                }
                lastSeq = seq;
                lastTime = field(line, "time");
                previous = mac;
            }
        }
        return new Verification(n, -1, null, lastSeq, lastTime);
    }

    private static long parseSeq(String seq) {
        try {
            return seq == null ? -1 : Long.parseLong(seq);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
