package io.egressguard.bootstrap;

import java.io.IOException;

/** Implemented by the agent core; {@link Guard} forwards to the one installed instance. */
public interface GuardEngine {

    /**
     * Decides one hop of one request. May rewrite headers in place and may replace the body.
     *
     * @return {@link Guard#PASS} or {@link Guard#MODIFIED}
     * @throws EgressBlockedException when the request must not leave
     */
    int decide(OutboundRequest request) throws IOException;

    /**
     * For a request to an LLM API whose body is at hand: the body cleaned of secrets, or {@code null}
     * when nothing changed or the destination is not an LLM API. Used where a client fixes the body
     * before it decides the headers.
     */
    byte[] cleanBody(OutboundRequest request) throws IOException;

    /** Prepares the check of a streamed body while the decision for its request is at hand. */
    BodyCheck bodyCheck(OutboundRequest decided);

    /** Bodies up to this many bytes are checked whole, before anything of the request is sent. */
    int maxBufferedBody();

    /** Reports a failure inside advice or helper code, so that it is seen without breaking the app. */
    void internalError(String where, Throwable error);
}
