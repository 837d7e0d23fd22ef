package io.egressguard.core.redact;

import io.egressguard.core.handle.Handles;
import io.egressguard.core.scan.Match;
import io.egressguard.core.scan.SecretMatcher;
import io.egressguard.core.scan.detect.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces every secret in a text: the known ones (any form) by their handle or {@code [REDACTED:name]},
 * credentials recognised by format by {@code [REDACTED:detector-id]}. Handles and the guard's own
 * placeholders are left as they are and never detected again. Every occurrence is replaced, and
 * overlapping findings are replaced once (a known secret wins over a format detection).
 */
public final class TextRedactor {

    /** Finds credentials by format; implemented over the detector catalog. */
    public interface FormatDetection {
        /** Findings in {@code text}, sorted by start, not overlapping. */
        List<Finding> find(CharSequence text);
    }

    /** What a known secret becomes. */
    public enum Style { PLACEHOLDER, HANDLE }

    /** Never finds anything; used until a detector catalog is configured, and in tests. */
    public static final FormatDetection NO_DETECTION = text -> List.of();

    private final SecretMatcher matcher;
    private final FormatDetection detection;

    public TextRedactor(SecretMatcher matcher, FormatDetection detection) {
        this.matcher = matcher;
        this.detection = detection;
    }

    public SecretMatcher matcher() {
        return matcher;
    }

    /** The text with every secret replaced, or the very same instance when there was none. */
    public String redact(String text, Style style) {
        return redact(text, style, false, null);
    }

    /**
     * As {@link #redact(String, Style)}; with {@code sameLength} every replacement is cut or padded with
     * {@code *} to the length of what it replaces (for bodies whose length was announced already), and
     * the names of the secrets and detectors replaced are added to {@code replaced} when it is given.
     */
    public String redact(String text, Style style, boolean sameLength, List<String> replaced) {
        List<int[]> spans = null;
        List<String> replacements = null;
        // known secrets (and the handles they must not be confused with)
        Match m = matcher.find(text, 0);
        List<int[]> protectedSpans = null;
        while (m != null) {
            if (m.kind() == Match.Kind.SECRET) {
                if (spans == null) {
                    spans = new ArrayList<>(2);
                    replacements = new ArrayList<>(2);
                }
                spans.add(new int[] {m.start(), m.end()});
                replacements.add(style == Style.HANDLE ? Handles.handleFor(m.secret()) : "[REDACTED:" + m.secret() + "]");
                if (replaced != null) {
                    replaced.add(m.secret());
                }
            } else {
                if (protectedSpans == null) {
                    protectedSpans = new ArrayList<>(2);
                }
                protectedSpans.add(new int[] {m.start(), m.end()});
            }
            m = matcher.find(text, m.end());
        }
        // credentials recognised by their format
        List<Finding> findings = detection.find(text);
        for (Finding f : findings) {
            if (overlaps(spans, f.start(), f.end()) || overlaps(protectedSpans, f.start(), f.end())) {
                continue;
            }
            if (spans == null) {
                spans = new ArrayList<>(2);
                replacements = new ArrayList<>(2);
            }
            spans.add(new int[] {f.start(), f.end()});
            replacements.add("[REDACTED:" + f.detectorId() + "]");
            if (replaced != null) {
                replaced.add(f.detectorId());
            }
        }
        if (spans == null) {
            return text;
        }
        if (sameLength) {
            for (int i = 0; i < spans.size(); i++) {
                replacements.set(i, fit(replacements.get(i), spans.get(i)[1] - spans.get(i)[0]));
            }
        }
        return apply(text, spans, replacements);
    }

    private static String fit(String replacement, int length) {
        if (replacement.length() >= length) {
            return replacement.substring(0, length);
        }
        StringBuilder sb = new StringBuilder(length).append(replacement);
        while (sb.length() < length) {
            sb.append('*');
        }
        return sb.toString();
    }

    private static boolean overlaps(List<int[]> spans, int start, int end) {
        if (spans == null) {
            return false;
        }
        for (int[] s : spans) {
            if (start < s[1] && s[0] < end) {
                return true;
            }
        }
        return false;
    }

    private static String apply(String text, List<int[]> spans, List<String> replacements) {
        Integer[] order = new Integer[spans.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(spans.get(a)[0], spans.get(b)[0]));
        StringBuilder out = new StringBuilder(text.length() + 16 * order.length);
        int copied = 0;
        for (int i : order) {
            int[] s = spans.get(i);
            if (s[0] < copied) {
                continue; // overlaps one already replaced
            }
            out.append(text, copied, s[0]).append(replacements.get(i));
            copied = s[1];
        }
        return out.append(text, copied, text.length()).toString();
    }
}
