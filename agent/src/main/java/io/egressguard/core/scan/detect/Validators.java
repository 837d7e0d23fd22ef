package io.egressguard.core.scan.detect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Checks a candidate must pass beyond its pattern: that it is random enough, not a placeholder, a
 * valid checksum, a decodable structure.
 */
final class Validators {

    private Validators() {}

    // ---------------------------------------------------------------------------------------------
    // Validators for the catalog

    /**
     * A vendor token: not an obvious dummy ("xxxxxxxx", "...EXAMPLE", "your_key_here") and at least
     * {@code minBitsPerChar} of Shannon entropy over the whole candidate, prefix included.
     */
    static Detector.Validator token(double minBitsPerChar) {
        return c -> !isDummyToken(c) && entropy(c) >= minBitsPerChar;
    }

    /** The usual check for a vendor token: see {@link #token(double)}, 3 bits per character. */
    static Detector.Validator token() {
        return token(3.0);
    }

    /** Like {@link #token(double)} on the part after the first {@code skip} characters. */
    static Detector.Validator tokenAfter(int skip, double minBitsPerChar) {
        return c -> c.length() > skip && token(minBitsPerChar).isCredential(c.subSequence(skip, c.length()));
    }

    /** A password found by its context (URL user info, connection string): anything but a placeholder. */
    static Detector.Validator password() {
        return c -> c.length() > 0 && !isPlaceholder(c);
    }

    /** A value found by a key that names a secret: it must look random, see {@link #looksRandom}. */
    static Detector.Validator randomValue() {
        return Validators::looksRandom;
    }

    /**
     * GitHub (and npm) tokens: the last 6 characters are the CRC32 of the characters between the
     * 4-character prefix and the checksum, in base62 ({@code 0-9A-Za-z}), left-padded with '0'.
     */
    static Detector.Validator githubChecksum() {
        return c -> {
            int n = c.length();
            if (n < 4 + 6 + 1) {
                return false;
            }
            String body = c.subSequence(4, n - 6).toString();
            return checksum62(body).contentEquals(c.subSequence(n - 6, n)) && !isDummyToken(c);
        };
    }

    /** A JWT: its first segment decodes (base64url) to a JSON object naming an "alg". */
    static Detector.Validator jwt() {
        return c -> {
            String s = c.toString();
            int dot = s.indexOf('.');
            if (dot <= 0) {
                return false;
            }
            String header = decodeBase64(s.substring(0, dot), true);
            if (header == null) {
                return false;
            }
            header = header.trim();
            return header.startsWith("{") && JSON_ALG.matcher(header).find();
        };
    }

    private static final Pattern JSON_ALG = Pattern.compile("\"alg\"\\s*:");

    /** HTTP Basic credentials: base64 of printable {@code user:password}, the password not a placeholder. */
    static Detector.Validator basicCredentials() {
        return c -> {
            String decoded = decodeBase64(c.toString(), false);
            if (decoded == null) {
                return false;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0 || colon == decoded.length() - 1) {
                return false;
            }
            for (int i = 0; i < decoded.length(); i++) {
                char ch = decoded.charAt(i);
                if (ch < 0x20 || ch == 0x7f || ch == '\uFFFD') {
                    return false;
                }
            }
            return !isPlaceholder(decoded.substring(colon + 1));
        };
    }

    /** Base64 whose decoded start contains {@code needle} (e.g. a PEM header). */
    static Detector.Validator base64Contains(String needle) {
        return c -> {
            int len = Math.min(c.length(), 120) & ~3;
            String decoded = decodeBase64(c.subSequence(0, len).toString(), false);
            return decoded != null && decoded.contains(needle);
        };
    }

    static Detector.Validator all(Detector.Validator... validators) {
        return c -> {
            for (Detector.Validator v : validators) {
                if (!v.isCredential(c)) {
                    return false;
                }
            }
            return true;
        };
    }

    // ---------------------------------------------------------------------------------------------
    // The heuristics

    /** Shannon entropy of the characters of {@code s}, in bits per character. */
    static double entropy(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return 0;
        }
        int[] counts = new int[128];
        java.util.Map<Character, Integer> other = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                if (other == null) {
                    other = new java.util.HashMap<>();
                }
                other.merge(c, 1, Integer::sum);
            }
        }
        double h = 0;
        for (int k : counts) {
            if (k > 0) {
                double p = (double) k / n;
                h -= p * Math.log(p);
            }
        }
        if (other != null) {
            for (int k : other.values()) {
                double p = (double) k / n;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(2);
    }

    private static final String[] DUMMY_WORDS = {
        "example", "placeholder", "changeme", "change_me", "redacted", "dummy", "sample",
        "your_", "your-", "_here", "-here", "insert_", "replace_", "<", ">", "${", "{{", "***",
    };

    /** A token-shaped string that is clearly not real: a dummy word or a long run of one character. */
    static boolean isDummyToken(CharSequence c) {
        String lower = c.toString().toLowerCase(Locale.ROOT);
        for (String w : DUMMY_WORDS) {
            if (lower.contains(w)) {
                return true;
            }
        }
        return longestRun(c) >= 6;
    }

    /** Text that, anywhere in a value, makes it a placeholder: templates, masks, ellipses. */
    private static final String[] PLACEHOLDER_MARKS = {
        "${", "{{", "#{", "$(", "%(", "***", "...", "\u2026", "xxxx",
    };

    /** Whole values that are placeholders: variables, parameters, and the usual stand-in words. */
    private static final Pattern PLACEHOLDER_SHAPE = Pattern.compile(
            "[$@%][A-Za-z_][A-Za-z0-9_:.]*-?"   // $VAR, a code variable ($parser->, $CPAN::Config->)
            + "|%[A-Za-z_][A-Za-z0-9_]*%"      // %VAR%
            + "|%[sd]|\\?|:[a-z_]+"            // printf/SQL parameters
            + "|(?i:(?:my|your|the|a|some|new|old|test|default|db|example|sample|dummy|fake)?[-_ ]?"
            + "(?:pass(?:word|wd)?|pwd|secret|token|api[-_]?key|key|value|credentials?|changeme|change[-_]?me"
            + "|none|null|nil|undefined|empty|unset|notset|not[-_]?set|required|optional|string|hidden|masked"
            + "|default|redacted|placeholder|todo|fixme|tbd|foo|bar|baz|foobar|test|example|sample|dummy|fake"
            + "|letmein|qwerty|admin|root|guest|user|hunter2|abc123|123456|12345678|password123)"
            + "(?:[-_ ]?(?:here|goes[-_ ]?here|value|1|123))?)");

    private static final String[] PLACEHOLDER_WORDS = {
        "example", "placeholder", "changeme", "change_me", "change-me", "redacted", "dummy", "sample",
        "your_", "your-", "yourpass", "yoursecret", "yourtoken", "yourkey", "yourapi", "insert_", "insert-",
        "replace_", "replace-", "replaceme", "_here", "-here", "fixme", "todo_", "lorem",
    };

    /** A value that stands for a secret without being one: {@code <token>}, {@code ${VAR}}, {@code ***}, {@code changeme}... */
    static boolean isPlaceholder(CharSequence value) {
        String v = value.toString().trim();
        if (v.isEmpty()) {
            return true;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        for (String m : PLACEHOLDER_MARKS) {
            if (lower.contains(m)) {
                return true;
            }
        }
        int open = v.indexOf('<');
        if (open == 0 || (open > 0 && v.indexOf('>', open + 2) > 0)) {
            return true; // <token>, <your password>, Bearer <...>
        }
        if (v.length() <= 64 && PLACEHOLDER_SHAPE.matcher(v).matches()) {
            return true;
        }
        for (String w : PLACEHOLDER_WORDS) {
            if (lower.contains(w)) {
                return true;
            }
        }
        return longestRun(v) >= 5 && longestRun(v) * 2 >= v.length();
    }

    private static final Pattern VERSION = Pattern.compile("[vV]?\\d+(?:\\.\\d+)+(?:[-+._][0-9A-Za-z.-]*)?");
    /** A published digest, not a secret: subresource integrity ({@code sha384-<base64>}), an image digest ({@code sha256:<hex>}). */
    private static final Pattern DIGEST = Pattern.compile("(?i:sha(?:1|224|256|384|512)|md5)[-:][A-Za-z0-9+/=]{16,}");
    /** A reference in code ({@code os.environ}, {@code ed25519.Ed25519PrivateKey}, {@code self.api_key}): a lower-case name, then dotted names. */
    private static final Pattern CODE_PATH = Pattern.compile("[a-z_][a-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)+");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*|\\d{1,2}:\\d{2}(?::\\d{2})?.*|\\d{8}T\\d{4,6}Z?");

    /**
     * Whether a value assigned to a secret-naming key looks like a real secret rather than a name, a
     * word, a path, a URL, a number, a version or a date: 8 to 256 characters, at least two kinds of
     * character, not made only of words (snake, kebab, dotted or camel case), and with enough entropy
     * for its length.
     */
    static boolean looksRandom(CharSequence value) {
        String v = value.toString();
        int n = v.length();
        // cheap tests first: most values assigned to secret-named keys in ordinary text fail them
        if (n < 8 || n > 512 || classes(v) < 2) {
            return false;
        }
        double need = n < 16 ? (Math.log(n) / Math.log(2)) - 0.6 : 3.0;
        if (entropy(v) < need || onlyWords(v)) {
            return false;
        }
        if (v.contains("://") || v.startsWith("/") || v.startsWith("./") || v.startsWith("../") || v.startsWith("~/")
                || (n > 2 && Character.isLetter(v.charAt(0)) && v.charAt(1) == ':' && (v.charAt(2) == '\\' || v.charAt(2) == '/'))) {
            return false;
        }
        if (VERSION.matcher(v).matches() || DATE_TIME.matcher(v).matches() || DIGEST.matcher(v).matches()
                || CODE_PATH.matcher(v).matches()) {
            return false;
        }
        return !isPlaceholder(v);
    }

    /**
     * Splits on separators and camel-case humps; true when every piece is a word (letters, maybe two
     * trailing digits) or a number. Random strings fail: digits glued to letters ("a3f9"), one-letter
     * humps ("aBcD"), symbols other than separators.
     */
    static boolean onlyWords(String v) {
        int pieces = 0;
        int i = 0;
        int n = v.length();
        while (i < n) {
            char c = v.charAt(i);
            if (isSeparator(c)) {
                i++;
                continue;
            }
            int start = i;
            if (isAsciiDigit(c)) {
                while (i < n && isAsciiDigit(v.charAt(i))) {
                    i++;
                }
                if (i < n && isAsciiLetter(v.charAt(i))) {
                    return false;
                }
            } else if (isAsciiLetter(c)) {
                i++;
                boolean acronym = false;
                if (isUpper(c) && i < n && isUpper(v.charAt(i))) {
                    acronym = true;
                    while (i < n && isUpper(v.charAt(i))) {
                        i++;
                    }
                    if (i < n && isLower(v.charAt(i))) {
                        i--; // "HTTPServer", "BCrypt": the last capital starts the next word
                    }
                } else {
                    while (i < n && isLower(v.charAt(i))) {
                        i++;
                    }
                }
                int letters = i - start;
                int digits = 0;
                while (i < n && isAsciiDigit(v.charAt(i))) {
                    i++;
                    digits++;
                }
                if (digits > 2) {
                    return false;
                }
                if (i < n && isAsciiLetter(v.charAt(i)) && (digits > 0 || (letters < 2 && !acronym))) {
                    return false;
                }
            } else {
                return false;
            }
            if (i < n && !isSeparator(v.charAt(i)) && !isAsciiLetter(v.charAt(i))) {
                return false;
            }
            pieces++;
        }
        return pieces > 0;
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == '.' || c == ':' || c == '/' || c == '@' || c == ' ' || c == '+' || c == ',';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** How many of lower-case, upper-case, digit, other appear. */
    static int classes(String v) {
        boolean lower = false, upper = false, digit = false, other = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    static int longestRun(CharSequence s) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = i > 0 && s.charAt(i) == s.charAt(i - 1) ? run + 1 : 1;
            best = Math.max(best, run);
        }
        return best;
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    /** CRC32 of {@code body}'s ASCII bytes in base62, left-padded to 6 characters. */
    static String checksum62(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.ISO_8859_1));
        long v = crc.getValue();
        char[] out = new char[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = BASE62[(int) (v % 62)];
            v /= 62;
        }
        return new String(out);
    }

    /** Decodes base64 (standard or URL-safe, padding optional) as UTF-8; null if it is not base64. */
    static String decodeBase64(String s, boolean urlSafe) {
        String t = s;
        while (t.endsWith("=")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.length() % 4 == 1) {
            return null;
        }
        try {
            byte[] bytes = urlSafe ? Base64.getUrlDecoder().decode(t) : Base64.getDecoder().decode(t);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            try {
                byte[] bytes = urlSafe ? Base64.getDecoder().decode(t) : Base64.getUrlDecoder().decode(t);
                return new String(bytes, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e2) {
                return null;
            }
        }
    }
}
