package io.egressguard.core.scan.detect;

/**
 * The guard's own marks in a text: placeholders it wrote ({@code [REDACTED:name]}) and handles
 * ({@code egh.NAME.CHECK}). A finding never includes any part of one, so redacted text is stable when
 * it is scanned again and a handle the application legitimately holds is never taken for a credential.
 *
 * <p>Handles are recognised by their shape alone (the check characters are not verified): text that
 * merely looks like a handle is never a vendor's credential either.
 */
final class GuardMarks {

    static final String PLACEHOLDER_PREFIX = "[REDACTED:";
    static final String HANDLE_PREFIX = "egh.";

    /** The longest mark: a handle is at most 4 + 63 + 1 + 4 characters, a placeholder name is short. */
    private static final int MAX_MARK = 100;

    private GuardMarks() {}

    /** Whether {@code [start, end)} overlaps a placeholder or a handle-shaped string in {@code text}. */
    static boolean overlapsMark(CharSequence text, int start, int end) {
        int from = Math.max(0, start - MAX_MARK);
        for (int i = from; i < end; i++) {
            char c = text.charAt(i);
            int len = 0;
            if (c == '[') {
                len = placeholderLengthAt(text, i);
            } else if (c == 'e') {
                len = handleShapeLengthAt(text, i);
            }
            if (len > 0 && i + len > start) {
                return true;
            }
        }
        return false;
    }

    /**
     * Length of {@code [REDACTED:name]} starting at {@code at}, or 0. A placeholder cut short to fit
     * the length of what it replaced ({@code [REDACTED:githu}) counts up to where its name stops.
     */
    static int placeholderLengthAt(CharSequence text, int at) {
        if (!startsWith(text, at, PLACEHOLDER_PREFIX)) {
            return 0;
        }
        int limit = Math.min(text.length(), at + MAX_MARK);
        int i = at + PLACEHOLDER_PREFIX.length();
        while (i < limit && isNameChar(text.charAt(i))) {
            i++;
        }
        if (i < text.length() && text.charAt(i) == ']') {
            i++;
        }
        return i - at;
    }

    private static boolean isNameChar(char c) {
        return isLowerAlnum(c) || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.';
    }

    /** Length of {@code egh.NAME.CHECK} (NAME {@code [a-z0-9][a-z0-9_-]{0,62}}, CHECK {@code [a-z2-7]{4}}), or 0. */
    static int handleShapeLengthAt(CharSequence text, int at) {
        int n = text.length();
        if (!startsWith(text, at, HANDLE_PREFIX)) {
            return 0;
        }
        int i = at + HANDLE_PREFIX.length();
        if (i >= n || !(isLowerAlnum(text.charAt(i)))) {
            return 0;
        }
        int nameStart = i;
        while (i < n && i - nameStart < 63 && (isLowerAlnum(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '-')) {
            i++;
        }
        if (i >= n || text.charAt(i) != '.') {
            return 0;
        }
        i++;
        for (int k = 0; k < 4; k++, i++) {
            if (i >= n) {
                return 0;
            }
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
                return 0;
            }
        }
        return i - at;
    }

    private static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean startsWith(CharSequence text, int at, String prefix) {
        if (at + prefix.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text.charAt(at + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
