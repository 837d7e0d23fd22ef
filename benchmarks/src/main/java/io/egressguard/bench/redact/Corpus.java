package io.egressguard.bench.redact;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Reproducible inputs for the redaction benchmark: application log lines of 100 bytes to 4 KB, and
 * chat-completion request bodies of 2 KB to 200 KB (system prompt, conversation, tool results holding
 * code and JSON). "Clean" inputs hold no secret; the others hold one every few lines, in one of its
 * encodings, drawn from the known secrets, or, with no known secret, a credential-shaped token that
 * only the format detectors could find.
 */
public final class Corpus {

    /** Which inputs. */
    public enum Kind { LOG, LLM }

    /** Bodies of these sizes make up the LLM corpus (the 2 KB to 200 KB). */
    static final int[] LLM_SIZES = {2 * 1024, 8 * 1024, 32 * 1024, 200 * 1024};
    static final int LOG_LINES = 64;
    /** A secret every this many lines (log) or this many bytes (LLM bodies, whose lines are long). */
    static final int SECRET_EVERY_LINES = 4;
    static final int SECRET_EVERY_BYTES = 600;

    private static final String[] WORDS = ("request response user order payment token session cache retry timeout"
            + " connection upstream latency handler service account invoice customer status queue worker batch"
            + " deploy config region cluster node shard replica commit branch issue review build test release"
            + " the a of to and in for with on is was that this it as be by are from at an or not").split(" ");
    private static final String[] LEVELS = {"INFO", "DEBUG", "WARN", "INFO", "ERROR", "INFO"};
    private static final String[] LOGGERS = {"c.a.orders.OrderService", "c.a.http.ClientFilter", "o.s.web.DispatcherServlet",
        "c.a.billing.InvoiceJob", "c.a.agent.ToolRunner"};

    private Corpus() {}

    /** The inputs of one kind, for the given known secrets; deterministic. */
    public static List<String> inputs(Kind kind, boolean withSecrets, int knownSecrets) {
        KnownSecrets secrets = new KnownSecrets(knownSecrets, 42);
        Random random = new Random(7);
        List<String> out = new ArrayList<>();
        if (kind == Kind.LOG) {
            for (int i = 0; i < LOG_LINES; i++) {
                // log-uniform between 100 bytes and 4 KB: many short lines, a few long ones
                int length = (int) Math.round(100 * Math.pow(4096 / 100.0, random.nextDouble()));
                String secret = withSecrets && i % SECRET_EVERY_LINES == 0 ? secretText(secrets, random, false) : null;
                out.add(logLine(random, length, secret));
            }
        } else {
            for (int size : LLM_SIZES) {
                out.add(llmBody(random, size, withSecrets ? secrets : null));
            }
        }
        return out;
    }

    /** Total UTF-8 bytes of the inputs (all ASCII). */
    public static long bytes(List<String> inputs) {
        long n = 0;
        for (String s : inputs) {
            n += s.length();
        }
        return n;
    }

    private static String logLine(Random random, int length, String secret) {
        StringBuilder sb = new StringBuilder(length + 64);
        sb.append("2025-06-0").append(1 + random.nextInt(9)).append('T').append(10 + random.nextInt(12))
                .append(":").append(10 + random.nextInt(50)).append(":").append(10 + random.nextInt(50)).append('.')
                .append(100 + random.nextInt(900)).append("Z ").append(LEVELS[random.nextInt(LEVELS.length)])
                .append(" [worker-").append(random.nextInt(16)).append("] ").append(LOGGERS[random.nextInt(LOGGERS.length)])
                .append(" - ");
        int secretAt = secret == null ? -1 : sb.length() + random.nextInt(Math.max(1, length - sb.length()));
        while (sb.length() < length) {
            if (secretAt >= 0 && sb.length() >= secretAt) {
                sb.append(random.nextBoolean() ? "Authorization: Bearer " : "apiKey=").append(secret).append(' ');
                secretAt = -1;
            }
            appendFragment(sb, random);
        }
        return sb.append('\n').toString();
    }

    private static void appendFragment(StringBuilder sb, Random random) {
        switch (random.nextInt(6)) {
            case 0:
                sb.append("requestId=").append(new java.util.UUID(random.nextLong(), random.nextLong())).append(' ');
                break;
            case 1:
                sb.append("url=https://api.example.com/v2/orders/").append(random.nextInt(1_000_000)).append("?page=")
                        .append(random.nextInt(20)).append(' ');
                break;
            case 2:
                sb.append("{\"status\":").append(200 + random.nextInt(300)).append(",\"ms\":").append(random.nextInt(5000))
                        .append("} ");
                break;
            default:
                sb.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
    }

    private static String llmBody(Random random, int size, KnownSecrets secrets) {
        StringBuilder content = new StringBuilder(size);
        int nextSecret = SECRET_EVERY_BYTES;
        while (content.length() < size - 200) {
            if (secrets != null && content.length() >= nextSecret) {
                content.append("export API_KEY=").append(secretText(secrets, random, true)).append("\\n");
                nextSecret += SECRET_EVERY_BYTES;
            }
            switch (random.nextInt(4)) {
                case 0:
                    content.append("    if (response.status() >= 500) { retry(request, attempt + 1); }\\n");
                    break;
                case 1:
                    content.append("{\\\"id\\\": ").append(random.nextInt(100_000)).append(", \\\"title\\\": \\\"")
                            .append(WORDS[random.nextInt(WORDS.length)]).append(" fails\\\"}\\n");
                    break;
                default:
                    for (int w = 0; w < 12; w++) {
                        content.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                    }
                    content.append(".\\n");
            }
        }
        return "{\"model\":\"gpt-5-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are the triage assistant.\"},"
                + "{\"role\":\"user\",\"content\":\"Summarise the tool output.\"},{\"role\":\"tool\",\"tool_call_id\":\"call_"
                + random.nextInt(1_000_000) + "\",\"content\":\"" + content + "\"}],\"temperature\":0.2}";
    }

    /**
     * A known secret in one of its encodings, or with no known secret a credential-shaped token (an
     * AWS access key id and a GitHub token format) for the format detectors.
     */
    private static String secretText(KnownSecrets secrets, Random random, boolean inJson) {
        if (secrets.size() == 0) {
            StringBuilder t = new StringBuilder(random.nextBoolean() ? "AKIA" : "ghp_");
            int n = t.charAt(0) == 'A' ? 16 : 36;
            for (int i = 0; i < n; i++) {
                t.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(random.nextInt(32)));
            }
            return t.toString();
        }
        String raw = secrets.value(random.nextInt(secrets.size()));
        switch (random.nextInt(inJson ? 2 : 3)) {
            case 0: return raw;
            case 1: return Base64.getEncoder().encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            default: return hex(raw);
        }
    }

    private static String hex(String s) {
        StringBuilder sb = new StringBuilder(s.length() * 2);
        for (int i = 0; i < s.length(); i++) {
            sb.append(String.format("%02x", (int) s.charAt(i)));
        }
        return sb.toString();
    }
}
