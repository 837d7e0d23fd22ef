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
        // findings do not overlap one another: each is checked against the known secrets and handles only
        Taken taken = findings.isEmpty() ? null : new Taken(spans, protectedSpans);
        for (Finding f : findings) {
            if (taken.overlaps(f.start(), f.end())) {
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
        // credentials inside a base64 blob (a config, a JSON document, a basic-auth pair): the whole blob goes
        if (detection != NO_DETECTION && text.length() >= MIN_BLOB) {
            Taken before = null;
            for (int[] blob = nextBlob(text, 0); blob != null; blob = nextBlob(text, blob[1])) {
                if (before == null) {
                    before = new Taken(spans, protectedSpans); // blobs do not overlap one another either
                }
                if (before.overlaps(blob[0], blob[1])) {
                    continue;
                }
                String id = mayBeText(text, blob[0], blob[1]) ? detectedInside(text, blob[0], blob[1]) : null;
                if (id != null) {
                    if (spans == null) {
                        spans = new ArrayList<>(2);
                        replacements = new ArrayList<>(2);
                    }
                    spans.add(blob);
                    replacements.add("[REDACTED:" + id + "]");
                    if (replaced != null) {
                        replaced.add(id);
                    }
                }
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

    /** Shortest and longest base64 run decoded to look for credentials inside (an image is not looked into). */
    private static final int MIN_BLOB = 32;
    private static final int MAX_BLOB = 8192;

    /** The next run of base64 characters of a length worth decoding, as {start, end}; null when none is left. */
    private static int[] nextBlob(String text, int from) {
        int n = text.length();
        int i = from;
        while (i + MIN_BLOB <= n) {
            // A run of MIN_BLOB starting at i or later covers text[i + MIN_BLOB - 1]; look there first and
            // back from there, so ordinary text (words, spaces) is mostly skipped, not read char by char.
            int j = i + MIN_BLOB - 1;
            while (j >= i && isBase64(text.charAt(j))) {
                j--;
            }
            if (j >= i) {
                i = j + 1; // no run of MIN_BLOB can start at or before j
                continue;
            }
            int start = i;
            int end = i + MIN_BLOB;
            while (end < n && isBase64(text.charAt(end))) {
                end++;
            }
            int trimmed = end;
            while (trimmed > start && text.charAt(trimmed - 1) == '=') {
                trimmed--;
            }
            if (trimmed - start >= MIN_BLOB && trimmed - start <= MAX_BLOB) {
                return new int[] {start, end};
            }
            i = end;
        }
        return null;
    }

    private static final boolean[] BASE64 = new boolean[128];

    static {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=";
        for (int i = 0; i < chars.length(); i++) {
            BASE64[chars.charAt(i)] = true;
        }
    }

    private static boolean isBase64(char c) {
        return c < 128 && BASE64[c];
    }

    /**
     * Whether a blob can decode to text at all, judged without decoding it: the first character of
     * each 4-character group holds the top 6 bits of a byte, which for printable ASCII (0x20 to 0x7e)
     * are 8 to 31 ({@code I} to {@code f}) and for a tab or line break 2 or 3 ({@code C}, {@code D}).
     * Hex strings, UUIDs and hashes, the common long runs in logs, fail this at once.
     */
    private static boolean mayBeText(String text, int start, int end) {
        int groups = 0;
        int binary = 0;
        for (int i = start; i + 4 <= end; i += 4) {
            groups++;
            char c = text.charAt(i);
            boolean printable = (c >= 'I' && c <= 'Z') || (c >= 'a' && c <= 'f') || c == 'C' || c == 'D';
            if (!printable) {
                binary++;
            }
        }
        // detectedInside wants 9 bytes in 10 printable; the blob decodes to at most 3 * groups + 2 bytes
        return binary * 10 <= groups * 3 + 2;
    }

    /** The id of a detector that recognises a credential in the decoded blob, if it decodes to text. */
    private String detectedInside(String text, int start, int end) {
        String blob = text.substring(start, end);
        while (blob.endsWith("=")) {
            blob = blob.substring(0, blob.length() - 1);
        }
        byte[] decoded;
        try {
            decoded = (blob.indexOf('-') >= 0 || blob.indexOf('_') >= 0 ? java.util.Base64.getUrlDecoder()
                    : java.util.Base64.getDecoder()).decode(blob);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int printable = 0;
        for (byte b : decoded) {
            if ((b >= 0x20 && b < 0x7f) || b == '\n' || b == '\r' || b == '\t') {
                printable++;
            }
        }
        if (printable < decoded.length * 9 / 10) {
            return null; // binary: a hash, a key id, compressed data; nothing a detector reads
        }
        List<Finding> inside = detection.find(new String(decoded, java.nio.charset.StandardCharsets.ISO_8859_1));
        return inside.isEmpty() ? null : inside.get(0).detectorId();
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

    /**
     * Spans already claimed, for overlap tests in logarithmic time (a long body holds hundreds of
     * secrets and findings): sorted by start, with the furthest end reached by any span so far.
     */
    private static final class Taken {
        private final int[] starts;
        private final int[] furthestEnd;

        @SafeVarargs
        Taken(List<int[]>... lists) {
            List<int[]> all = new ArrayList<>();
            for (List<int[]> l : lists) {
                if (l != null) {
                    all.addAll(l);
                }
            }
            all.sort((a, b) -> Integer.compare(a[0], b[0]));
            starts = new int[all.size()];
            furthestEnd = new int[all.size()];
            int furthest = Integer.MIN_VALUE;
            for (int i = 0; i < starts.length; i++) {
                starts[i] = all.get(i)[0];
                furthest = Math.max(furthest, all.get(i)[1]);
                furthestEnd[i] = furthest;
            }
        }

        /** Whether some span overlaps {@code [start, end)}: one that starts before end and ends after start. */
        boolean overlaps(int start, int end) {
            int lo = 0;
            int hi = starts.length; // first index whose start is >= end
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (starts[mid] < end) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo > 0 && furthestEnd[lo - 1] > start;
        }
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
