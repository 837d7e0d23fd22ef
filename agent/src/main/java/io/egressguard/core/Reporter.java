package io.egressguard.core;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the agent prints goes through here, to standard error, prefixed {@code [egress-guard]}.
 * By default that is the start-up line and warnings; {@code debug=true} adds one line per decision.
 * Nothing printed ever contains a secret value: callers pass names and redacted URLs only.
 */
public final class Reporter {

    public static final String PREFIX = "[egress-guard] ";

    private final PrintStream err;
    private final boolean debug;
    private final Set<String> reportedErrors = ConcurrentHashMap.newKeySet();

    public Reporter(PrintStream err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    public void info(String line) {
        err.println(PREFIX + line);
    }

    public void warn(String line) {
        err.println(PREFIX + "WARNING: " + line);
    }

    /** Whether {@code debug} lines are printed: check it before building a line that costs something. */
    public boolean debugging() {
        return debug;
    }

    public void debug(String line) {
        if (debug) {
            err.println(PREFIX + line);
        }
    }

    /** With {@code debug=true}: the full stack of a failure inside the guard. */
    public void debugTrace(Throwable t) {
        if (debug) {
            t.printStackTrace(err);
        }
    }

    /**
     * A failure inside the guard. Reported once per place (with the exception type and its first
     * frames, never its message, which could quote application data) so that a bug cannot flood logs.
     */
    public void internalError(String where, Throwable error) {
        if (!reportedErrors.add(where + "|" + error.getClass().getName())) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(PREFIX).append("WARNING: internal error while ").append(where).append(": ")
                .append(error.getClass().getName());
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < frames.length && i < 4; i++) {
            sb.append("\n    at ").append(frames[i]);
        }
        sb.append("\n").append(PREFIX).append("the request was left as the application built it;"
                + " please report this with the lines above");
        err.println(sb);
    }
}
