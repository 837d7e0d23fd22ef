package io.egressguard.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Path globs, and the normalisation that stops {@code /repos/../admin} from passing as {@code /repos/**}. */
class PathsTest {

    // ---- normalisation -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/repos/o/r,              /repos/o/r",
        "'',                      /",
        "repos/o,                 /repos/o",
        "/repos/../admin,         /admin",
        "/repos/./o,              /repos/o",
        "/a/b/..,                 /a/",
        "/a/b/.,                  /a/b/",
        "/../../etc,              /etc",
        "/repos/%2e%2e/admin,     /admin",
        "/repos/%2E%2E/admin,     /admin",
        "/repos/.%2e/admin,       /admin",
        "/%72epos/o,              /repos/o",
        "/a%7eb,                  /a~b",
        "/a%20b,                  /a%20b",
        "/a%3ab,                  /a%3Ab",
        "/a//b,                   /a//b",
        "/a/..%2Fb,               ",
        "/a%2fb,                  ",
        "/a%2Fb,                  ",
        "/a%5cb,                  ",
        "/a\\b,                   ",
        "/repos/..;/admin,        ",
        "/repos/..;jsessionid=1/admin, ",
        "/repos/.;/x,             ",
        "/repos/%2e%2e;/admin,    ",
        "/repos/..%3B/admin,      ",
        "/repos;v=1/o,            /repos;v=1/o",
        "/a%,                     /a%",
        "/a%zz,                   /a%zz",
    })
    void normalise(String raw, String expected) {
        assertEquals(expected, RequestPaths.normalise(raw), raw);
    }

    @Test
    void simplePathsAreReturnedAsTheSameObject() {
        String p = "/repos/octo/hello/issues";
        assertSame(p, RequestPaths.normalise(p), "the common case allocates nothing");
    }

    // ---- globs ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource({
        "/repos/**,        /repos/o/r/issues",
        "/repos/**,        /repos/",
        "/repos/*,         /repos/o",
        "/repos/*,         /repos/",
        "/repos/*/issues,  /repos/o/issues",
        "/repos/*/*/pulls, /repos/o/r/pulls",
        "/a/**/b,          /a/x/y/b",
        "/a/**/b,          /a/b",
        "/v?/models,       /v1/models",
        "/user,            /user",
        "/files/*.json,    /files/a.json",
        "/files/**.json,   /files/a/b.json",
        "/a%20b/*,         /a%20b/c",
        "/**/**/b,         /b",
        "/a/**/**/b,       /a/b",
        "/a/**/**/b,       /a/x/b",
        "/a/**/*.json,     /a/x.json",
    })
    void matches(String glob, String path) {
        assertNull(PathGlob.problem(glob), glob);
        assertTrue(PathGlob.of(glob).matches(path), glob + " should match " + path);
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource({
        "/repos/**,        /repos",
        "/repos/**,        /reposx/a",
        "/repos/*,         /repos/o/r",
        "/repos/*/issues,  /repos/o/r/issues",
        "/a/**/b,          /a/xb",
        "/a/**/b,          /ab",
        "/v?/models,       /v/models",
        "/v?/models,       /v12/models",
        "/a?b,             /a/b",
        "/user,            /user/",
        "/user,            /User",
        "/files/*.json,    /files/a/b.json",
    })
    void doesNotMatch(String glob, String path) {
        assertFalse(PathGlob.of(glob).matches(path), glob + " should not match " + path);
    }

    @Test
    void matchingTimeGrowsWithTheInputNotExponentially() {
        // a request path is chosen by whoever makes the request; a glob with several stars must not let
        // a long path burn the request thread (the previous backtracking matcher took seconds to minutes)
        String longPath = "/a/" + "b/c/".repeat(2000) + "e";
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertFalse(PathGlob.of("/a/**/b/**/c/**/d").matches(longPath));
            assertFalse(PathGlob.of("/a/*x*x*x*x*y").matches("/a/" + "x".repeat(8000)));
            assertFalse(PathGlob.of("/**/**/**/**/z").matches(longPath));
        });
    }

    /** The matcher against a plain backtracking reference, on every short glob and path over a small alphabet. */
    @Test
    void agreesWithAReferenceMatcherOnRandomInputs() {
        java.util.Random random = new java.util.Random(42);
        String[] globParts = {"/", "a", "b", "*", "**", "?", "/**/"};
        String[] pathParts = {"/", "a", "b", "ab"};
        for (int i = 0; i < 20000; i++) {
            StringBuilder g = new StringBuilder("/");
            for (int k = random.nextInt(5); k > 0; k--) {
                g.append(globParts[random.nextInt(globParts.length)]);
            }
            StringBuilder p = new StringBuilder("/");
            for (int k = random.nextInt(6); k > 0; k--) {
                p.append(pathParts[random.nextInt(pathParts.length)]);
            }
            String glob = g.toString();
            if (PathGlob.problem(glob) != null) {
                continue;
            }
            assertEquals(reference(glob, 0, p.toString(), 0), PathGlob.of(glob).matches(p.toString()),
                    glob + " against " + p);
        }
    }

    /** The definition, written the obvious way: exponential, but fine for inputs this short. */
    private static boolean reference(String g, int gi, String p, int pi) {
        if (gi == g.length()) {
            return pi == p.length();
        }
        char c = g.charAt(gi);
        if (c == '*') {
            boolean deep = gi + 1 < g.length() && g.charAt(gi + 1) == '*';
            int next = gi + (deep ? 2 : 1);
            if (deep && gi > 0 && g.charAt(gi - 1) == '/' && next < g.length() && g.charAt(next) == '/'
                    && reference(g, next + 1, p, pi)) {
                return true; // "/**/" also matches a single "/"
            }
            for (int k = pi; k <= p.length(); k++) {
                if (reference(g, next, p, k)) {
                    return true;
                }
                if (k < p.length() && !deep && p.charAt(k) == '/') {
                    return false;
                }
            }
            return false;
        }
        if (pi == p.length() || (c == '?' ? p.charAt(pi) == '/' : c != p.charAt(pi))) {
            return false;
        }
        return reference(g, gi + 1, p, pi + 1);
    }

    @Test
    void lowerCaseEscapesInGlobsMatchTheNormalisedUpperCaseForm() {
        assertTrue(PathGlob.of("/a%3ab").matches(RequestPaths.normalise("/a%3Ab")));
        assertTrue(PathGlob.of("/a%3ab").matches(RequestPaths.normalise("/a%3ab")));
    }

    @Test
    void dotDotCannotEscapeAnAllowedPrefix() {
        DestinationRule rule = destination("/repos/**");
        for (String attack : new String[] {"/repos/../admin", "/repos/%2e%2e/admin", "/repos/..%2fadmin",
                "/repos/..;/admin", "/repos/a/../../admin"}) {
            assertFalse(rule.matchesPath(RequestPaths.normalise(attack)), attack);
        }
        assertTrue(rule.matchesPath(RequestPaths.normalise("/repos/a/../b")), "resolving inside the prefix is fine");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "repos/**", "/a/***", "/a/[x]", "/a/{b,c}", "/a b", "/a#b", "/a\\b", "/a/../b", "/a/./b",
        "/a/..", "/search?q=1", "/a?x&y", "/a/%2fb", "/a/%5Cb", "/a%7e", "/a%", "/a%2", "/a%zz"})
    void invalidGlobs(String glob) {
        assertNotNull(PathGlob.problem(glob), glob);
    }

    private static DestinationRule destination(String glob) {
        return new DestinationRule("t@a.example.com", "https", HostPattern.parse("a.example.com"), 443,
                java.util.List.of(PathGlob.of(glob)), java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), 1);
    }
}
