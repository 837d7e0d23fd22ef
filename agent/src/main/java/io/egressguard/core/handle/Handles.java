package io.egressguard.core.handle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Handles: the inert strings the application holds instead of secrets.
 *
 * <p>Syntax: {@code egh.NAME.CHECK}, for example {@code egh.github.3qzr}.
 * <ul>
 *   <li>{@code egh.} is a fixed prefix, cheap to find in any text;</li>
 *   <li>{@code NAME} is the secret's name: 1 to 63 of {@code a-z 0-9 _ -}, starting with a letter or
 *       digit;</li>
 *   <li>{@code CHECK} is four characters of {@code a-z 2-7} derived from the name, so that a typo or a
 *       host name such as {@code egh.github.com} is never taken for a handle.</li>
 * </ul>
 * Only URL-unreserved characters are used, so a handle is valid unchanged in a header, a URL, JSON and
 * an environment variable. It is short, readable and obviously not random, so it never looks like a
 * real credential. A handle is derived from the name only: it carries no information about the secret.
 */
public final class Handles {

    public static final String PREFIX = "egh.";
    public static final int CHECK_LENGTH = 4;
    public static final int MAX_NAME_LENGTH = 63;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0," + (MAX_NAME_LENGTH - 1) + "}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Handles() {}

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Why a name is not valid, for error messages; {@code null} when it is valid. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "a secret name must not be empty";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "a secret name has at most " + MAX_NAME_LENGTH + " characters";
        }
        if (!NAME.matcher(name).matches()) {
            return "a secret name uses only lower-case letters, digits, '_' and '-', and starts with a letter or digit";
        }
        return null;
    }

    public static String handleFor(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException(nameProblem(name));
        }
        return PREFIX + name + '.' + check(name);
    }

    /**
     * If {@code text} holds a well-formed handle starting at {@code start}, returns its length; else 0.
     * The name is not looked up: whether it names a known secret is the caller's business.
     */
    public static int handleLengthAt(CharSequence text, int start) {
        int n = text.length();
        if (start + PREFIX.length() + 1 + 1 + CHECK_LENGTH > n) {
            return 0;
        }
        for (int i = 0; i < PREFIX.length(); i++) {
            if (text.charAt(start + i) != PREFIX.charAt(i)) {
                return 0;
            }
        }
        int nameStart = start + PREFIX.length();
        char first = text.charAt(nameStart);
        if (first == '_' || first == '-') {
            return 0; // no secret name starts like this, so no handle does
        }
        int i = nameStart;
        while (i < n && i - nameStart < MAX_NAME_LENGTH && isNameChar(text.charAt(i))) {
            i++;
        }
        if (i == nameStart || i >= n || text.charAt(i) != '.') {
            return 0;
        }
        int checkStart = i + 1;
        if (checkStart + CHECK_LENGTH > n) {
            return 0;
        }
        for (int k = 0; k < CHECK_LENGTH; k++) {
            if (!isBase32(text.charAt(checkStart + k))) {
                return 0;
            }
        }
        // What follows does not matter: "egh.github.3qzrXYZ" still carries the handle, and the check
        // characters already make an accidental match in ordinary text vanishingly unlikely.
        int end = checkStart + CHECK_LENGTH;
        String name = text.subSequence(nameStart, i).toString();
        String expected = check(name);
        for (int k = 0; k < CHECK_LENGTH; k++) {
            if (text.charAt(checkStart + k) != expected.charAt(k)) {
                return 0;
            }
        }
        return end - start;
    }

    /** The secret name inside a handle found by {@link #handleLengthAt}. */
    public static String nameOf(CharSequence handle) {
        String h = handle.toString();
        return h.substring(PREFIX.length(), h.length() - CHECK_LENGTH - 1);
    }

    static String check(String name) {
        byte[] digest;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            digest = sha.digest(("egress-guard handle v1:" + name).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        int bits = ((digest[0] & 0xff) << 16) | ((digest[1] & 0xff) << 8) | (digest[2] & 0xff);
        char[] out = new char[CHECK_LENGTH];
        for (int k = 0; k < CHECK_LENGTH; k++) {
            out[k] = BASE32[(bits >>> (19 - 5 * k)) & 31];
        }
        return new String(out);
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static boolean isBase32(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7');
    }
}
