package io.egressguard.core.config;

/** A setting of the agent is missing or wrong; the message says which and how to fix it. */
public final class OptionsException extends Exception {

    private static final long serialVersionUID = 1L;

    public OptionsException(String message) {
        super(message);
    }
}
