package io.egressguard.demo.standin;

import io.egressguard.demo.DemoSecrets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what a request carried, in words, so that stand-ins can log it without ever printing a value:
 * "the real GitHub token", "a handle, egh.github.abcd (not replaced)", "no credential", ...
 */
final class Credentials {

    /** The handle syntax, egh.NAME.CHECK; handles are not secret, so they may be printed. */
    static final Pattern HANDLE = Pattern.compile("egh\\.[a-z0-9][a-z0-9_-]*\\.[a-z2-7]{4}");

    private Credentials() {}

    /**
     * Describes the credential in the request's headers.
     *
     * @param headers  header name (lower case) to values
     * @param accepted the exact Authorization value this stand-in accepts, or null if it accepts none
     * @param what     what that credential is, e.g. "GitHub token"
     */
    static String describe(Map<String, List<String>> headers, String accepted, String what) {
        List<String> auth = headers.get("authorization");
        if (accepted != null && auth != null && auth.contains(accepted)) {
            return "valid " + what;
        }
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            for (String value : h.getValue()) {
                String secret = DemoSecrets.findIn(value);
                if (secret != null) {
                    return secret + " in header " + h.getKey() + (accepted == null ? "" : ", not accepted here");
                }
                Matcher m = HANDLE.matcher(value);
                if (m.find()) {
                    return "a handle, " + m.group() + ", in header " + h.getKey() + " (not replaced)";
                }
            }
        }
        if (auth == null || auth.isEmpty()) {
            return "no credential";
        }
        return "an unknown credential in header authorization";
    }

    /** A secret (in any encoding) or a handle found in a body, described; null if it is clean. */
    static String findInBody(String body) {
        String secret = DemoSecrets.findIn(body);
        if (secret != null) {
            return "carries " + secret + "!";
        }
        Matcher m = HANDLE.matcher(body);
        if (m.find()) {
            return "carries the handle " + m.group() + "!";
        }
        return null;
    }
}
