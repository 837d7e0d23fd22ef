package io.egressguard.it.apps.sinks;

import io.egressguard.it.support.Canaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The secrets and texts every sink test application writes, and the names the store knows them by.
 * Values come from {@link Canaries}, never from the command line (which the test output records).
 */
public final class SinkCases {

    /** In the rule file and the store. */
    public static final String SECRET_NAME = "github";
    public static final String SECRET = Canaries.GITHUB;
    /** Only in the store: redacted all the same. */
    public static final String NESTED_NAME = "internal";
    public static final String NESTED = Canaries.INTERNAL;
    /** A few hundred bytes, only in the store; it contains a canary so that any leak of it is found. */
    public static final String LONG_NAME = "long";
    public static final String LONG = longSecret();

    /** Lines without any secret: written the same with the agent as without. */
    public static final String CLEAN_MESSAGE = "clean line one";
    public static final String CLEAN_ARGUMENT = "value-42";
    public static final String CLEAN_MDC = "user-7";
    public static final String CLEAN_EXCEPTION = "nothing secret here";

    private SinkCases() {}

    private static String longSecret() {
        StringBuilder sb = new StringBuilder("lng-").append(Canaries.OPENAI);
        for (int i = 0; sb.length() < 320; i++) {
            sb.append((char) ('a' + (i * 7) % 26)).append(i % 10);
        }
        return sb.toString();
    }

    /** An exception whose own message holds the secret, caused by one whose message holds another. */
    public static Exception nestedFailure() {
        return new IllegalStateException("call failed with token " + SECRET,
                new IOException("inner cause " + NESTED));
    }

    public static boolean secretsMode(String[] args) {
        return args.length > 1 && args[1].equals("secrets");
    }

    public static void write(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
