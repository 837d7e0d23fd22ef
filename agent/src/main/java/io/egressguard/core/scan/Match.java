package io.egressguard.core.scan;

/** One occurrence of a handle or of a known secret value (in some encoding) in a piece of text. */
public final class Match {

    /** What was found. */
    public enum Kind {
        /** a handle, {@code egh.NAME.CHECK} */
        HANDLE,
        /** the real value of a secret, raw or encoded */
        SECRET
    }

    private final Kind kind;
    private final String secret;
    private final String encoding;
    private final int start;
    private final int end;

    public Match(Kind kind, String secret, String encoding, int start, int end) {
        this.kind = kind;
        this.secret = secret;
        this.encoding = encoding;
        this.start = start;
        this.end = end;
    }

    public Kind kind() {
        return kind;
    }

    /** The name of the secret (for a handle: the name in it). */
    public String secret() {
        return secret;
    }

    /** How the value was written: {@code raw}, {@code base64}, {@code percent}, ... ; {@code handle} for handles. */
    public String encoding() {
        return encoding;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }
}
