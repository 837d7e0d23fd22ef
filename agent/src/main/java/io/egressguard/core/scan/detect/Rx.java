package io.egressguard.core.scan.detect;

/**
 * Regular-expression fragments and detector shapes shared by the catalog families.
 *
 * <p>Every repetition is bounded (or possessive) so that a pattern run over a window cannot backtrack
 * catastrophically.
 */
final class Rx {

    private Rx() {}

    /**
     * Where a token may start: not right after a letter or digit, except after a JSON/Java escape such
     * as a literal {@code \n}, or a percent-escape such as {@code %20}, which end the previous text.
     */
    static final String LB = "(?:(?<![A-Za-z0-9])|(?<=\\\\[nrtbf])|(?<=%[0-9A-Fa-f]{2}))";

    /** A token of letters and digits ends here. */
    static final String END_ALNUM = "(?![A-Za-z0-9])";
    /** A token of letters, digits, '_' and '-' ends here. */
    static final String END_WORD = "(?![A-Za-z0-9_-])";
    /** A base64 token ends here. */
    static final String END_B64 = "(?![A-Za-z0-9+/=])";

    /** The rest of a key name after the word that identifies it ({@code DATADOG}{@code _API_KEY}). */
    static final String KEY_TAIL = "[A-Za-z0-9_.-]{0,30}?";

    /**
     * Between a key and its value: an optional closing quote (maybe backslash-escaped, as in a Java
     * string holding JSON), then {@code =}, {@code :}, {@code :=} or {@code =>} with spaces around, then
     * an optional opening quote. Line breaks count as spaces (YAML). A {@code ::} is a path
     * ({@code syntax::token::Kind}), not a separator.
     */
    static final String SEP = "(?:\\\\{0,3}[\"'`])?\\s{0,4}+(?:=>|:=|=|:(?!:))\\s{0,4}+(?:\\\\{0,3}[\"'`])?";

    /** Characters of a password in a URL's user info, up to the {@code @}: percent-escapes included. */
    static final String USERINFO_PASSWORD = "[^\\s:/?#@\"'`<>\\\\]{1,256}+";

    /** A URL's user name, maybe empty ({@code redis://:secret@host}). */
    static final String USERINFO_USER = "[^\\s:/?#@\"'`<>\\\\]{0,128}+";

    /** After a URL's user info: the host starts (a name, an IPv4 or IPv6 address, or a replica list). */
    static final String HOST_START = "(?=[A-Za-z0-9\\[_%-])";

    /**
     * A token recognised by its own shape, starting with one of its keywords (a vendor prefix); the
     * whole match is the credential. {@code window}: the longest token.
     */
    static Detector token(String id, String description, String regex, String end, int window,
                          Detector.Validator validator, String... keywords) {
        return tokenBuilder(id, description, regex, end, window, validator, keywords).startsAtKeyword().build();
    }

    /** Like {@link #token(String, String, String, String, int, Detector.Validator, String...)} for a token whose keywords may be anywhere in it or just before it. */
    static Detector tokenAround(String id, String description, String regex, String end, int window,
                                Detector.Validator validator, String... keywords) {
        return tokenBuilder(id, description, regex, end, window, validator, keywords).build();
    }

    private static Detector.Builder tokenBuilder(String id, String description, String regex, String end, int window,
                                                 Detector.Validator validator, String... keywords) {
        return Detector.builder(id)
                .description(description)
                .keywords(keywords)
                // atomic: when the token is not followed by its end, giving characters back cannot help,
                // and trying costs as many steps as the token is long, at every keyword occurrence
                .pattern(LB + "((?>" + regex + "))" + end)
                .group(1)
                .window(window)
                .validator(validator);
    }

    /** {@link #token(String, String, String, String, int, Detector.Validator, String...)} ending like a word, checked by {@link Validators#token()}. */
    static Detector token(String id, String description, int window, String regex, String... keywords) {
        return token(id, description, regex, END_WORD, window, Validators.token(), keywords);
    }

    /**
     * A value recognised by the key it is assigned to ({@code DATADOG_API_KEY=...}, {@code "cohere_key": "..."}),
     * where the value alone has no distinctive shape. {@code keyRegex} is matched ignoring case, and
     * each keyword must be where a match of it can start.
     */
    static Detector keyed(String id, String description, String keyRegex, String valueRegex, String end,
                          int window, Detector.Validator validator, String... keywords) {
        return Detector.builder(id)
                .description(description)
                .keywords(keywords)
                .pattern("(?i:" + keyRegex + ")" + KEY_TAIL + SEP + "(" + valueRegex + ")" + end)
                .group(1)
                .window(window)
                .validator(validator)
                .startsAtKeyword() // every keyword starts the key regex
                .build();
    }

    /** {@link #keyed(String, String, String, String, String, int, Detector.Validator, String...)} ending like a word, checked by {@link Validators#token()}. */
    static Detector keyed(String id, String description, String keyRegex, String valueRegex, String... keywords) {
        return keyed(id, description, keyRegex, valueRegex, END_WORD, 160, Validators.token(), keywords);
    }
}
