package io.egressguard.bootstrap;

import java.io.OutputStream;

/**
 * The check of a body that is streamed rather than handed to {@link Guard#decide} whole. Obtained from
 * {@link Guard#bodyCheck} while the request's decision is at hand; it keeps what it needs, so it can
 * wrap the body's stream later, even several times (retries).
 */
public interface BodyCheck {

    /** For requests whose bodies need no checking. */
    BodyCheck NONE = downstream -> downstream;

    /**
     * Wraps the stream the body is written to. The wrapper holds back just enough bytes that no part
     * of a handle or secret reaches {@code downstream} before it is recognised, and throws
     * {@link EgressBlockedException} instead of writing it. Closing the wrapper writes the held-back
     * tail and closes {@code downstream}.
     */
    OutputStream wrap(OutputStream downstream);

    /**
     * As {@link #wrap}, for a stream the HTTP client owns: closing the wrapper ends the check and writes the
     * held-back tail, but only flushes {@code connection}, which the client closes itself.
     */
    default OutputStream wrapKeepingOpen(OutputStream connection) {
        return wrap(new java.io.FilterOutputStream(connection) {
            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws java.io.IOException {
                out.flush();
            }
        });
    }
}
