package io.egressguard.core.scan;

import io.egressguard.core.handle.Handles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A straightforward matcher: candidate patterns are indexed by their first character and checked in
 * place. Handles are found by their fixed prefix. Good for tens of secrets.
 */
public final class SimpleSecretMatcher implements SecretMatcher {

    private static final class Pattern {
        final String secret;
        final String encoding;
        final String chars;      // as it appears in Java text
        final String bytes;      // its UTF-8 bytes, one char per byte, for byte scanning

        Pattern(String secret, String encoding, String chars) {
            this.secret = secret;
            this.encoding = encoding;
            this.chars = chars;
            byte[] b = chars.getBytes(StandardCharsets.UTF_8);
            this.bytes = new String(b, StandardCharsets.ISO_8859_1);
        }
    }

    private final Set<String> handleNames;
    private final Pattern[][] byFirstChar = new Pattern[256][];
    private final Pattern[][] byFirstByte = new Pattern[256][];
    private final int maxLength;

    /**
     * @param handleNames names whose handles count as matches
     * @param values      secret name to value, for values to look for
     */
    public SimpleSecretMatcher(Set<String> handleNames, Map<String, byte[]> values) {
        this.handleNames = Set.copyOf(handleNames);
        Map<Integer, List<Pattern>> chars = new HashMap<>();
        Map<Integer, List<Pattern>> bytes = new HashMap<>();
        int max = Handles.PREFIX.length() + Handles.MAX_NAME_LENGTH + 1 + Handles.CHECK_LENGTH;
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            for (Map.Entry<String, String> enc : Encodings.forms(e.getValue()).entrySet()) {
                Pattern p = new Pattern(e.getKey(), enc.getKey(), enc.getValue());
                chars.computeIfAbsent(p.chars.charAt(0) & 0xff, k -> new ArrayList<>()).add(p);
                bytes.computeIfAbsent(p.bytes.charAt(0) & 0xff, k -> new ArrayList<>()).add(p);
                max = Math.max(max, Math.max(p.chars.length(), p.bytes.length()));
            }
        }
        chars.forEach((k, v) -> byFirstChar[k] = sortedLongestFirst(v));
        bytes.forEach((k, v) -> byFirstByte[k] = sortedLongestFirst(v));
        this.maxLength = max;
    }

    private static Pattern[] sortedLongestFirst(List<Pattern> list) {
        list.sort((a, b) -> Integer.compare(b.chars.length(), a.chars.length()));
        return list.toArray(new Pattern[0]);
    }

    @Override
    public Match find(CharSequence text, int from) {
        int n = text.length();
        for (int i = Math.max(0, from); i < n; i++) {
            char c = text.charAt(i);
            if (c == 'e') {
                int len = Handles.handleLengthAt(text, i);
                if (len > 0) {
                    String name = Handles.nameOf(text.subSequence(i, i + len));
                    if (handleNames.contains(name)) {
                        return new Match(Match.Kind.HANDLE, name, "handle", i, i + len);
                    }
                }
            }
            Pattern[] candidates = byFirstChar[c & 0xff];
            if (candidates == null) {
                continue;
            }
            for (Pattern p : candidates) {
                if (regionMatches(text, i, p.chars)) {
                    return new Match(Match.Kind.SECRET, p.secret, p.encoding, i, i + p.chars.length());
                }
            }
        }
        return null;
    }

    @Override
    public Match find(byte[] bytes, int offset, int length, int from) {
        int end = offset + length;
        for (int i = Math.max(offset, from); i < end; i++) {
            int b = bytes[i] & 0xff;
            if (b == 'e') {
                CharSequence view = new Latin1View(bytes, i, end);
                int len = Handles.handleLengthAt(view, 0);
                if (len > 0) {
                    String name = Handles.nameOf(view.subSequence(0, len));
                    if (handleNames.contains(name)) {
                        return new Match(Match.Kind.HANDLE, name, "handle", i, i + len);
                    }
                }
            }
            Pattern[] candidates = byFirstByte[b];
            if (candidates == null) {
                continue;
            }
            for (Pattern p : candidates) {
                if (regionMatches(bytes, i, end, p.bytes)) {
                    return new Match(Match.Kind.SECRET, p.secret, p.encoding, i, i + p.bytes.length());
                }
            }
        }
        return null;
    }

    @Override
    public int maxMatchLength() {
        return maxLength;
    }

    private static boolean regionMatches(CharSequence text, int at, String p) {
        if (at + p.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < p.length(); k++) {
            if (text.charAt(at + k) != p.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean regionMatches(byte[] bytes, int at, int end, String p) {
        if (at + p.length() > end) {
            return false;
        }
        for (int k = 0; k < p.length(); k++) {
            if ((bytes[at + k] & 0xff) != p.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Bytes seen as characters, one per byte, without copying. */
    static final class Latin1View implements CharSequence {
        private final byte[] bytes;
        private final int start;
        private final int end;

        Latin1View(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.start = start;
            this.end = end;
        }

        @Override
        public int length() {
            return end - start;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[start + index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int s, int e) {
            return new String(bytes, start + s, e - s, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        }
    }
}
