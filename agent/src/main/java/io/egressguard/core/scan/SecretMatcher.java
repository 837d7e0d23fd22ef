package io.egressguard.core.scan;

/**
 * Finds handles and known secret values in text. Implementations are immutable and thread-safe; a
 * new set of secrets means a new matcher, swapped in atomically.
 */
public interface SecretMatcher {

    /**
     * The first match starting at or after {@code from}, or {@code null}. Matches do not overlap:
     * continue the search at {@link Match#end()}.
     */
    Match find(CharSequence text, int from);

    /** The same over bytes (UTF-8 or any ASCII-compatible encoding). */
    Match find(byte[] bytes, int offset, int length, int from);

    /** The longest text any match can span; streams hold back this many bytes minus one. */
    int maxMatchLength();

    /**
     * How many bytes at the end of {@code bytes[offset, offset+length)} could be the beginning of a
     * match that the next bytes complete. A stream must hold those back; the rest is safe to write.
     * This default is the safe upper bound; matchers that know their patterns answer exactly.
     */
    default int possibleMatchPrefix(byte[] bytes, int offset, int length) {
        return Math.min(length, Math.max(0, maxMatchLength() - 1));
    }
}
