package io.egressguard.bootstrap;

import java.io.IOException;

/**
 * What instrumented clients call. Every method is safe to call before the agent is installed or when
 * it runs fail-open (nothing happens), and none throws anything but {@link EgressBlockedException}.
 *
 * <p>Typical use in advice or a helper:
 * <pre>{@code
 * OutboundRequest r = Guard.begin("okhttp");
 * try {
 *     r.method(...).target(...);  r.header(...) for each header
 *     if (Guard.decide(r) == Guard.MODIFIED) { apply r's headers }
 * } finally {
 *     Guard.end(r);
 * }
 * }</pre>
 */
public final class Guard {

    /** The request leaves as the application built it. */
    public static final int PASS = 0;
    /** The request leaves with the headers (and maybe body) the engine rewrote. */
    public static final int MODIFIED = 1;

    private static volatile GuardEngine engine;

    private static final ThreadLocal<OutboundRequest> PER_THREAD = new ThreadLocal<OutboundRequest>() {
        @Override
        protected OutboundRequest initialValue() {
            return new OutboundRequest();
        }
    };

    private Guard() {}

    /** Called once by the core when it is ready; a second call (from anyone) is refused. */
    public static synchronized void install(GuardEngine installed) {
        if (engine != null) {
            throw new IllegalStateException("the Egress Guard engine is already installed");
        }
        engine = installed;
    }

    public static boolean active() {
        return engine != null;
    }

    /** A request record for the calling thread; reused, so always pair with {@link #end}. */
    public static OutboundRequest begin(String client) {
        OutboundRequest r = PER_THREAD.get();
        if (r.inUse) {
            // A request started while deciding another on this thread (a token refresh, say).
            r = new OutboundRequest();
        }
        r.inUse = true;
        r.reset(client);
        return r;
    }

    public static void end(OutboundRequest r) {
        if (r != null) {
            r.inUse = false;
            r.reset(null);
        }
    }

    public static int decide(OutboundRequest r) throws IOException {
        GuardEngine e = engine;
        if (e == null) {
            return PASS;
        }
        try {
            return e.decide(r);
        } catch (EgressBlockedException blocked) {
            throw blocked;
        } catch (Throwable t) {
            // A bug in the guard must not break the application. The request leaves unmodified:
            // handles in it stay inert, so no credential can leak because of this.
            e.internalError("deciding a request of " + r.client(), t);
            return PASS;
        }
    }

    /** See {@link GuardEngine#cleanBody}; {@code null} when the guard is not active or on failure. */
    public static byte[] cleanBody(OutboundRequest r) throws IOException {
        GuardEngine e = engine;
        if (e == null) {
            return null;
        }
        try {
            return e.cleanBody(r);
        } catch (EgressBlockedException blocked) {
            throw blocked;
        } catch (Throwable t) {
            e.internalError("cleaning the body of a request of " + r.client(), t);
            return null;
        }
    }

    /**
     * The check for a body that will be streamed. Call it after {@link #decide}, before {@link #end}.
     * Never null; {@link BodyCheck#NONE} when the guard is not active.
     */
    public static BodyCheck bodyCheck(OutboundRequest decided) {
        GuardEngine e = engine;
        if (e == null) {
            return BodyCheck.NONE;
        }
        try {
            return e.bodyCheck(decided);
        } catch (Throwable t) {
            e.internalError("preparing the body check of a request of " + decided.client(), t);
            return BodyCheck.NONE;
        }
    }

    /** Bodies up to this many bytes are checked whole, before anything of the request is sent. */
    public static int maxBufferedBody() {
        GuardEngine e = engine;
        return e == null ? 0 : e.maxBufferedBody();
    }

    /** For advice and helpers: report a failure of their own and carry on. */
    public static void internalError(String where, Throwable error) {
        GuardEngine e = engine;
        if (e != null) {
            try {
                e.internalError(where, error);
            } catch (Throwable ignored) {
                // nothing left to report to
            }
        }
    }
}
