package io.egressguard.core.scan.detect;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises one publicly documented credential format (a cloud key, a source-host token, a JWT, a
 * password assignment...) in text the guard has never been told about.
 *
 * <p>A detector is cheap when it does not apply: it names {@link #keywords()} (literal text every match
 * contains or starts near), and its regular expression only ever runs around a keyword found by the
 * single pass the scanner makes over the text for all detectors at once.
 */
public final class Detector {

    /** Extra check of a candidate beyond the pattern (entropy, checksum...). */
    public interface Validator {
        boolean isCredential(CharSequence candidate);
    }

    private final String id;
    private final String description;
    private final List<String> keywords;
    private final Pattern pattern;
    private final int group;
    private final int window;
    private final Validator validator;
    private final boolean generic;
    private final int anchorSlack;

    private Detector(Builder b) {
        this.id = b.id;
        this.description = b.description;
        this.keywords = List.copyOf(b.keywords);
        this.pattern = b.pattern;
        this.group = b.group;
        this.window = b.window;
        this.validator = b.validator;
        this.generic = b.generic;
        this.anchorSlack = b.anchorSlack;
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Stable id, kebab-case; it appears in placeholders ({@code [REDACTED:id]}) and audit lines. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Lower-case literals, at least 3 characters; matched case-insensitively. */
    public List<String> keywords() {
        return keywords;
    }

    public Pattern pattern() {
        return pattern;
    }

    /** The capturing group that is the credential itself (0: the whole match); only it is redacted. */
    public int group() {
        return group;
    }

    /**
     * How many characters before and after a keyword hit the pattern may span; for a detector that
     * {@linkplain #startsAtKeyword() starts at its keywords}, the longest match.
     */
    public int window() {
        return window;
    }

    public Validator validator() {
        return validator;
    }

    /**
     * Whether this detector recognises a credential by its context only (a {@code password=} assignment,
     * an {@code Authorization} header, a URL's user info) rather than by a vendor's format. Where a
     * generic and a specific finding overlap, the specific one wins.
     */
    public boolean isGeneric() {
        return generic;
    }

    /**
     * Whether a match always starts at an occurrence of a keyword (give or take {@link #anchorSlack()}
     * characters after it). The scanner then tries the pattern only at those positions instead of
     * searching whole windows: most vendor prefixes and key names allow this, and it is much cheaper
     * where keywords are common words ("token", "password").
     */
    public boolean startsAtKeyword() {
        return anchorSlack >= 0;
    }

    /** How many characters after the start of a keyword a match may start; see {@link #startsAtKeyword()}. */
    public int anchorSlack() {
        return anchorSlack;
    }

    @Override
    public String toString() {
        return id;
    }

    /** Builds a {@link Detector}; id, keywords and pattern are required. */
    public static final class Builder {
        private final String id;
        private String description = "";
        private List<String> keywords = List.of();
        private Pattern pattern;
        private int group;
        private int window = 256;
        private Validator validator;
        private boolean generic;
        private int anchorSlack = -1;

        private Builder(String id) {
            this.id = id;
        }

        public Builder description(String d) {
            this.description = d;
            return this;
        }

        public Builder keywords(String... k) {
            String[] lower = new String[k.length];
            for (int i = 0; i < k.length; i++) {
                lower[i] = k[i].toLowerCase(Locale.ROOT);
            }
            this.keywords = List.of(lower);
            return this;
        }

        public Builder pattern(String regex) {
            this.pattern = Pattern.compile(regex);
            return this;
        }

        public Builder pattern(Pattern p) {
            this.pattern = p;
            return this;
        }

        public Builder group(int g) {
            this.group = g;
            return this;
        }

        public Builder window(int w) {
            this.window = w;
            return this;
        }

        public Builder validator(Validator v) {
            this.validator = v;
            return this;
        }

        /** Marks the detector as context-based; see {@link Detector#isGeneric()}. */
        public Builder generic() {
            this.generic = true;
            return this;
        }

        /** Every match starts where a keyword starts; see {@link Detector#startsAtKeyword()}. */
        public Builder startsAtKeyword() {
            return startsAtKeyword(0);
        }

        /** Every match starts at most {@code slack} characters after the start of a keyword. */
        public Builder startsAtKeyword(int slack) {
            this.anchorSlack = slack;
            return this;
        }

        public Detector build() {
            if (id == null || !id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException("detector id must be kebab-case: " + id);
            }
            if (keywords.isEmpty() || pattern == null) {
                throw new IllegalArgumentException("detector " + id + " needs keywords and a pattern");
            }
            for (String k : keywords) {
                if (k.length() < 3) {
                    throw new IllegalArgumentException("detector " + id + ": keyword '" + k + "' is shorter than 3");
                }
            }
            if (group < 0 || group > pattern.matcher("").groupCount()) {
                throw new IllegalArgumentException("detector " + id + ": pattern has no group " + group);
            }
            if (window < 1) {
                throw new IllegalArgumentException("detector " + id + ": window must be positive");
            }
            return new Detector(this);
        }
    }
}
