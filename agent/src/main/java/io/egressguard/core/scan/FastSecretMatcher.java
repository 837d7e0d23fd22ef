package io.egressguard.core.scan;

import io.egressguard.core.handle.Handles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds handles and known secret values, in every form of {@link SecretForms}, in text and in bytes.
 *
 * <p>Built once per set of secrets and immutable; a new set means a new instance, swapped in
 * atomically by whoever holds it. Scanning samples the text ({@link GramIndex}) instead of reading
 * every byte, so its cost does not grow with the number of secrets, and it allocates nothing when
 * there is nothing to find; handles are found by their prefix ({@link #scanHandles}).
 *
 * <p>Character text is scanned through a copy of its low bytes into a per-thread buffer; a candidate
 * found there is confirmed against the characters themselves.
 */
public final class FastSecretMatcher implements SecretMatcher {

    /** Forms shorter than this are not searched for: they would match ordinary text. */
    public static final int MIN_FORM_LENGTH = 8;
    private static final int LONG_STRIDE = 13;
    private static final int SHORT_STRIDE = MIN_FORM_LENGTH - 3;
    private static final String HANDLE_PREFIX = Handles.PREFIX;

    /** The patterns of one view (characters as low bytes, or UTF-8 bytes) and their indexes. */
    private static final class Core {
        final byte[] arena;
        final int[] starts;
        final int[] lengths;
        /**
         * The exact characters of the few forms holding a character above 255 (whose low bytes in the arena
         * are not the form); null when there is none. Other forms are confirmed against the arena alone.
         */
        final java.util.Map<Integer, char[]> wideChars;
        final int[] secret;        // index into names
        final String[] encoding;
        final boolean[] base64Core;
        final GramIndex longGrid;
        final GramIndex shortGrid;
        final int maxLength;

        Core(List<String> texts, List<Integer> secrets, List<String> encodings, List<Boolean> cores, boolean asUtf8) {
            int n = texts.size();
            byte[][] bytes = new byte[n][];
            int total = 0;
            for (int i = 0; i < n; i++) {
                bytes[i] = asUtf8 ? texts.get(i).getBytes(StandardCharsets.UTF_8) : lowBytes(texts.get(i));
                total += bytes[i].length;
            }
            arena = new byte[total + 4];
            starts = new int[n];
            lengths = new int[n];
            java.util.Map<Integer, char[]> wide = null;
            secret = new int[n];
            encoding = new String[n];
            base64Core = new boolean[n];
            int pos = 0;
            int max = 0;
            List<Integer> longOnes = new ArrayList<>();
            List<Integer> shortOnes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                System.arraycopy(bytes[i], 0, arena, pos, bytes[i].length);
                starts[i] = pos;
                lengths[i] = bytes[i].length;
                pos += bytes[i].length;
                if (!asUtf8 && !isLatin1(texts.get(i))) {
                    if (wide == null) {
                        wide = new java.util.HashMap<>();
                    }
                    wide.put(i, texts.get(i).toCharArray());
                }
                secret[i] = secrets.get(i);
                encoding[i] = encodings.get(i);
                base64Core[i] = cores.get(i);
                max = Math.max(max, lengths[i]);
                (lengths[i] >= LONG_STRIDE + 3 ? longOnes : shortOnes).add(i);
            }
            maxLength = max;
            wideChars = wide;
            longGrid = longOnes.isEmpty() ? null : GramIndex.build(LONG_STRIDE, arena, starts, lengths, toArray(longOnes));
            shortGrid = shortOnes.isEmpty() ? null : GramIndex.build(SHORT_STRIDE, arena, starts, lengths, toArray(shortOnes));
        }

        /** The patterns in the byte order of their bytes, for prefix searches; made on first use. */
        private volatile int[] sorted;

        /** Whether some pattern longer than {@code bytes[start, end)} starts with those bytes. */
        boolean hasLongerPatternStartingWith(byte[] bytes, int start, int end) {
            int[] order = sorted();
            int k = end - start;
            int lo = 0;
            int hi = order.length;
            while (lo < hi) { // the first pattern not below the tail
                int mid = (lo + hi) >>> 1;
                int p = order[mid];
                if (Arrays.compareUnsigned(arena, starts[p], starts[p] + lengths[p], bytes, start, end) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            // the patterns starting with the tail follow it in order; the tail itself may come first
            for (int i = lo; i < order.length; i++) {
                int p = order[i];
                if (lengths[p] < k || !Arrays.equals(arena, starts[p], starts[p] + k, bytes, start, end)) {
                    return false;
                }
                if (lengths[p] > k) {
                    return true;
                }
            }
            return false;
        }

        private int[] sorted() {
            int[] s = sorted;
            if (s == null) {
                Integer[] order = new Integer[starts.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (x, y) -> Arrays.compareUnsigned(arena, starts[x], starts[x] + lengths[x],
                        arena, starts[y], starts[y] + lengths[y]));
                s = new int[order.length];
                for (int i = 0; i < s.length; i++) {
                    s[i] = order[i];
                }
                sorted = s; // racing threads build the same array
            }
            return s;
        }

        boolean sameBytesAs(Core other) {
            return Arrays.equals(arena, other.arena) && Arrays.equals(starts, other.starts);
        }
    }

    private final String[] names;
    private final Set<String> handleNames;
    private final Core charCore;
    private final Core byteCore;
    private final int maxMatchLength;

    /**
     * Per thread: a byte copy of character text, the matches of the current scan, and the callbacks
     * the indexes report candidates to (fields rather than lambdas, so a scan allocates nothing).
     */
    private static final class Scratch implements GramIndex.Candidates {
        byte[] buffer = new byte[1024];
        final ArrayList<Match> found = new ArrayList<>();
        FastSecretMatcher matcher;
        Core core;
        CharSequence chars;
        byte[] bytes;
        int end;
        int copiedTo;
        boolean charMode;

        @Override
        public void candidate(int pattern, int textPosition) {
            matcher.confirm(this, core, pattern, textPosition, found);
        }

        /** A handle prefix at {@code position}. */
        void handlePrefix(int position) {
            matcher.confirmHandle(this, position, found);
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * @param handleNames names whose handles count as matches
     * @param values      secret name to value; every form of each value is searched for
     */
    public FastSecretMatcher(Set<String> handleNames, Map<String, byte[]> values) {
        this.handleNames = Set.copyOf(handleNames);
        this.names = values.keySet().toArray(new String[0]);
        Arrays.sort(names);
        List<String> texts = new ArrayList<>();
        List<Integer> secrets = new ArrayList<>();
        List<String> encodings = new ArrayList<>();
        List<Boolean> cores = new ArrayList<>();
        for (int s = 0; s < names.length; s++) {
            for (SecretForms.Form f : SecretForms.of(values.get(names[s]))) {
                if (f.text.length() >= MIN_FORM_LENGTH) {
                    texts.add(f.text);
                    secrets.add(s);
                    encodings.add(f.encoding);
                    cores.add(f.base64Core);
                }
            }
        }
        this.charCore = new Core(texts, secrets, encodings, cores, false);
        Core utf8 = new Core(texts, secrets, encodings, cores, true);
        this.byteCore = utf8.sameBytesAs(charCore) ? charCore : utf8;
        int handleMax = HANDLE_PREFIX.length() + Handles.MAX_NAME_LENGTH + 1 + Handles.CHECK_LENGTH;
        this.maxMatchLength = Math.max(handleMax, Math.max(charCore.maxLength, byteCore.maxLength));
    }

    @Override
    public Match find(CharSequence text, int from) {
        Scratch s = SCRATCH.get();
        int n = text.length();
        if (from >= n) {
            return null;
        }
        if (s.buffer.length < n) {
            s.buffer = new byte[Math.max(n, s.buffer.length * 2)];
        }
        s.chars = text;
        s.bytes = s.buffer;
        s.copiedTo = from;
        s.end = n;
        s.charMode = true;
        try {
            return scan(s, charCore, s.buffer, from, n);
        } finally {
            s.chars = null;
        }
    }

    @Override
    public Match find(byte[] bytes, int offset, int length, int from) {
        Scratch s = SCRATCH.get();
        int end = offset + length;
        if (from >= end) {
            return null;
        }
        s.chars = null;
        s.bytes = bytes;
        s.end = end;
        s.charMode = false;
        return scan(s, byteCore, bytes, Math.max(from, offset), end);
    }

    /**
     * The first piece of text scanned; each next piece is twice as long, up to {@link #LARGEST_PIECE}.
     * Small, because a caller walking a text with many secrets rescans what lies past each match.
     */
    private static final int FIRST_PIECE = 128;
    private static final int LARGEST_PIECE = 16 * 1024;

    /**
     * Scans piece by piece and stops at the end of the piece in which the first match is certain: a
     * caller looking for every match calls again from each match's end, so scanning the rest of the
     * text each time would make a text with many secrets cost quadratic time.
     */
    private Match scan(Scratch s, Core core, byte[] text, int from, int end) {
        ArrayList<Match> found = s.found;
        found.clear();
        s.matcher = this;
        s.core = core;
        int nextLong = from;
        int nextShort = from;
        int nextHandle = from;
        int limit = from;
        int piece = FIRST_PIECE;
        while (limit < end) {
            long next = (long) limit + piece;
            if (!found.isEmpty()) {
                // a match is found already: only samples up to LATEST_OFFSET past it can report an earlier one
                next = Math.min(next, (long) earliest(found).start() + GramIndex.LATEST_OFFSET);
            }
            limit = (int) Math.min(end, next);
            piece = Math.min(piece * 2, LARGEST_PIECE);
            if (s.charMode) {
                // samples read 4 bytes from positions below the limit
                int copyTo = Math.min(end, limit + 3);
                copyLowBytes(s.chars, s.copiedTo, copyTo, text);
                s.copiedTo = copyTo;
            }
            if (core.longGrid != null) {
                nextLong = core.longGrid.scan(text, from, nextLong, limit, end, s);
            }
            if (core.shortGrid != null) {
                nextShort = core.shortGrid.scan(text, from, nextShort, limit, end, s);
            }
            nextHandle = scanHandles(s, text, from, nextHandle, limit, end);
            // a pattern is reported by a sample at most GramIndex.LATEST_OFFSET bytes after its start: once the
            // samples are that far past the earliest match, nothing found later can start before it
            if (!found.isEmpty() && limit - GramIndex.LATEST_OFFSET >= earliest(found).start()) {
                break;
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        Match best = earliest(found);
        found.clear();
        return best;
    }

    private static final byte[] HANDLE_PREFIX_BYTES = HANDLE_PREFIX.getBytes(StandardCharsets.ISO_8859_1);

    /**
     * Reports the handle prefixes starting in {@code [minStart, sampleLimit)} from where the last call
     * stopped ({@code next}, the position of the prefix's last character to look at next); returns where
     * to go on. Looks for the prefix's last character, a dot, eight bytes at a time, and back from each:
     * dots are far rarer than the letters a sampled search would have to look at.
     */
    private static int scanHandles(Scratch s, byte[] text, int minStart, int next, int sampleLimit, int end) {
        int k = HANDLE_PREFIX_BYTES.length;
        byte last = HANDLE_PREFIX_BYTES[k - 1];
        int to = (int) Math.min(end, (long) sampleLimit + k - 1);
        int d = Math.max(next, minStart + k - 1);
        while (d < to) {
            int at = ByteSearch.indexOfEither(text, d, to, last, last);
            if (at < 0) {
                break;
            }
            int start = at - (k - 1);
            if (Arrays.equals(text, start, at + 1, HANDLE_PREFIX_BYTES, 0, k)) {
                s.handlePrefix(start);
            }
            d = at + 1;
        }
        return Math.max(d, to);
    }

    /** The match that starts first; of those, the longest. */
    private static Match earliest(List<Match> found) {
        Match best = null;
        for (Match m : found) {
            if (best == null || m.start() < best.start()
                    || (m.start() == best.start() && m.end() > best.end())) {
                best = m;
            }
        }
        return best;
    }

    private void confirm(Scratch s, Core core, int pattern, int start, List<Match> found) {
        int len = core.lengths[pattern];
        if (start + len > s.end) {
            return;
        }
        int at = core.starts[pattern];
        if (s.charMode) {
            // the buffer holds only the low bytes, and only up to where the samples reached: compare characters
            CharSequence chars = s.chars;
            char[] wide = core.wideChars == null ? null : core.wideChars.get(pattern);
            for (int i = 0; i < len; i++) {
                int expected = wide != null ? wide[i] : core.arena[at + i] & 0xff;
                if (chars.charAt(start + i) != expected) {
                    return;
                }
            }
        } else if (!Arrays.equals(s.bytes, start, start + len, core.arena, at, at + len)) {
            return;
        }
        int from = start;
        int to = start + len;
        if (core.base64Core[pattern]) {
            // the secret sits inside a base64 run: the whole run goes
            while (from > 0 && SecretForms.isBase64Char(byteAt(s, from - 1))) {
                from--;
            }
            while (to < s.end && SecretForms.isBase64Char(byteAt(s, to))) {
                to++;
            }
        }
        found.add(new Match(Match.Kind.SECRET, names[core.secret[pattern]], core.encoding[pattern], from, to));
    }

    /** A character of the text being scanned (for character text, only when it is below 256). */
    private static int byteAt(Scratch s, int i) {
        if (s.charMode) {
            char c = s.chars.charAt(i);
            return c < 256 ? c : -1;
        }
        return s.bytes[i] & 0xff;
    }

    private void confirmHandle(Scratch s, int position, List<Match> found) {
        CharSequence view = s.charMode ? s.chars : new SimpleSecretMatcher.Latin1View(s.bytes, 0, s.end);
        int len = Handles.handleLengthAt(view, position);
        if (len == 0) {
            return;
        }
        String name = Handles.nameOf(view.subSequence(position, position + len));
        if (handleNames.contains(name)) {
            found.add(new Match(Match.Kind.HANDLE, name, "handle", position, position + len));
        }
    }

    @Override
    public int maxMatchLength() {
        return maxMatchLength;
    }

    @Override
    public int possibleMatchPrefix(byte[] bytes, int offset, int length) {
        // The longest tail that is a proper prefix of some form or of a handle must wait for more bytes.
        int end = offset + length;
        int limit = Math.min(length, maxMatchLength - 1);
        for (int k = limit; k > 0; k--) {
            int start = end - k;
            if (isPrefixOfAny(bytes, start, end)) {
                return k;
            }
        }
        return 0;
    }

    private boolean isPrefixOfAny(byte[] bytes, int start, int end) {
        int k = end - start;
        // a handle prefix: "egh." followed by name characters
        int hp = HANDLE_PREFIX.length();
        boolean handle = true;
        for (int i = 0; i < k && handle; i++) {
            int c = bytes[start + i] & 0xff;
            handle = i < hp ? c == HANDLE_PREFIX.charAt(i)
                    : (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
        }
        if (handle) {
            return true;
        }
        return byteCore.hasLongerPatternStartingWith(bytes, start, end);
    }

    /** Approximate bytes held by the indexes and patterns, for the footprint report. */
    public long footprint() {
        long f = charCore.arena.length + (charCore.longGrid == null ? 0 : charCore.longGrid.footprint())
                + (charCore.shortGrid == null ? 0 : charCore.shortGrid.footprint());
        if (byteCore != charCore) {
            f += byteCore.arena.length + (byteCore.longGrid == null ? 0 : byteCore.longGrid.footprint())
                    + (byteCore.shortGrid == null ? 0 : byteCore.shortGrid.footprint());
        }
        return f;
    }

    private static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
                return false;
            }
        }
        return true;
    }

    private static byte[] lowBytes(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) s.charAt(i);
        }
        return b;
    }

    /** Copies the low byte of each character of {@code text[from, to)} to the same positions of {@code buf}. */
    @SuppressWarnings("deprecation")
    private static void copyLowBytes(CharSequence text, int from, int to, byte[] buf) {
        if (from >= to) {
            return;
        }
        if (text instanceof String) {
            ((String) text).getBytes(from, to, buf, from); // without allocating
        } else {
            for (int i = from; i < to; i++) {
                buf[i] = (byte) text.charAt(i);
            }
        }
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}
