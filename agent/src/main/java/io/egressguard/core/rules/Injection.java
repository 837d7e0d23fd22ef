package io.egressguard.core.rules;

import java.util.List;
import java.util.Locale;

/**
 * How a secret is put into an allowed request.
 * <ul>
 *   <li>{@link Mode#REPLACE_HANDLE}: the application sends the handle in one of the named headers
 *       (for example {@code Authorization: Bearer egh.github.3qzr}); the guard swaps it for the secret.</li>
 *   <li>{@link Mode#SET_HEADER}: the guard sets the header itself, whatever the application sent, in
 *       the stated format.</li>
 * </ul>
 */
public final class Injection {

    public enum Mode { REPLACE_HANDLE, SET_HEADER }

    public enum Format {
        /** {@code Bearer SECRET} */
        BEARER,
        /** {@code Basic base64(username:SECRET)} */
        BASIC,
        /** the secret as it is */
        RAW,
        /** a template where {@code {secret}} stands for the secret, e.g. {@code token {secret}} */
        TEMPLATE
    }

    private final Mode mode;
    private final List<String> handleHeaders;
    private final String header;
    private final Format format;
    private final String username;
    private final String template;

    private Injection(Mode mode, List<String> handleHeaders, String header, Format format, String username,
            String template) {
        this.mode = mode;
        this.handleHeaders = handleHeaders;
        this.header = header;
        this.format = format;
        this.username = username;
        this.template = template;
    }

    static Injection replaceHandleIn(List<String> headers) {
        return new Injection(Mode.REPLACE_HANDLE, headers, null, null, null, null);
    }

    static Injection setHeader(String header, Format format, String username, String template) {
        return new Injection(Mode.SET_HEADER, List.of(), header, format, username, template);
    }

    public Mode mode() {
        return mode;
    }

    /** For {@link Mode#REPLACE_HANDLE}: headers where the handle may appear (case-insensitive). */
    public boolean handleAllowedIn(String headerName) {
        for (String h : handleHeaders) {
            if (h.equalsIgnoreCase(headerName)) {
                return true;
            }
        }
        return false;
    }

    public List<String> handleHeaders() {
        return handleHeaders;
    }

    /** For {@link Mode#SET_HEADER}: the header the guard sets. */
    public String header() {
        return header;
    }

    public Format format() {
        return format;
    }

    public String username() {
        return username;
    }

    public String template() {
        return template;
    }

    public String describe() {
        if (mode == Mode.REPLACE_HANDLE) {
            return "replace-handle-in " + String.join(",", handleHeaders);
        }
        return "set-header " + header + " (" + format.name().toLowerCase(Locale.ROOT) + ")";
    }
}
