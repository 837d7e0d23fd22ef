package io.egressguard.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rule for a host covers every way of writing that host, and nothing else: both the rule's host and
 * the request's host go through {@link Hosts#canonical} before they are compared.
 */
class HostsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "api.github.com,        api.github.com",
        "API.GitHub.COM,        api.github.com",
        "api.github.com.,       api.github.com",
        "API.GITHUB.COM.,       api.github.com",
        "bücher.example,        xn--bcher-kva.example",
        "BÜCHER.example,        xn--bcher-kva.example",
        "xn--bcher-kva.example, xn--bcher-kva.example",
        "10.0.0.7,              10.0.0.7",
        "'[::1]',               ::1",
        "'::1',                 ::1",
        "'[2001:DB8:0:0:0:0:0:1]', 2001:db8::1",
        "'2001:0db8:0000:0000:0000:0000:0000:0001', 2001:db8::1",
        "'2001:db8:0:0:1:0:0:1', 2001:db8::1:0:0:1",
        "'[::ffff:10.0.0.7]',   ::ffff:a00:7",
        "'fe80::1%eth0',        fe80::1",
        "'1:0:0:0:0:0:0:0',     '1::'",
        "'0:0:0:0:0:0:0:0',     '::'",
        "'1:2:3:4:5:6:7:8',     1:2:3:4:5:6:7:8",
    })
    void canonicalForms(String host, String canonical) {
        assertEquals(canonical, Hosts.canonical(host));
    }

    @Test
    void alreadyCanonicalHostsAreReturnedAsTheSameObject() {
        String h = "api.github.com";
        assertSame(h, Hosts.canonical(h), "the common case allocates nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "exa mple.com", "a/b", "a@b", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "[::g]",
        "::ffff:1.2.3.256", "::ffff:1.2.3"})
    void invalidHostsHaveNoCanonicalForm(String host) {
        assertNull(Hosts.canonical(host), host);
    }

    @Test
    void ipLiterals() {
        assertTrue(Hosts.isIpLiteral("10.0.0.7"));
        assertTrue(Hosts.isIpLiteral("::1"));
        assertFalse(Hosts.isIpLiteral("api.github.com"));
        assertFalse(Hosts.isIpLiteral("10.0.0.example"));
    }

    // ---- patterns ------------------------------------------------------------------------------------

    @Test
    void exactPatternMatchesOnlyThatHost() {
        HostPattern p = HostPattern.parse("API.GitHub.com.");
        assertEquals("api.github.com", p.canonicalHost());
        assertEquals("api.github.com", p.toString());
        assertTrue(p.matches(Hosts.canonical("api.github.com")));
        assertTrue(p.matches(Hosts.canonical("Api.Github.Com.")));
        assertFalse(p.matches("github.com"));
        assertFalse(p.matches("x.api.github.com"));
        assertFalse(p.matches("api.github.com.evil.example"));
        assertFalse(p.matches("evilapi.github.com"));
    }

    @Test
    void idnPatternMatchesItsPunycodeAndTheOtherWayRound() {
        assertTrue(HostPattern.parse("bücher.example").matches(Hosts.canonical("xn--bcher-kva.example")));
        assertTrue(HostPattern.parse("xn--bcher-kva.example").matches(Hosts.canonical("BÜCHER.example")));
    }

    @Test
    void ipv6PatternMatchesEveryWritingOfTheAddress() {
        HostPattern p = HostPattern.parse("[2001:db8::1]");
        assertEquals("[2001:db8::1]", p.toString());
        assertTrue(p.matches(Hosts.canonical("2001:0DB8:0:0:0:0:0:1")));
        assertTrue(p.matches(Hosts.canonical("[2001:db8:0::1]")));
        assertFalse(p.matches(Hosts.canonical("2001:db8::2")));
    }

    @Test
    void wildcardMatchesSubdomainsAtAnyDepthButNotTheApex() {
        HostPattern p = HostPattern.parse("*.Corp.Example.com");
        assertTrue(p.isWildcard());
        assertEquals("corp.example.com", p.canonicalHost());
        assertEquals("*.corp.example.com", p.toString());
        assertTrue(p.matches("api.corp.example.com"));
        assertTrue(p.matches("a.b.c.corp.example.com"), "any depth");
        assertFalse(p.matches("corp.example.com"), "not the apex");
        assertFalse(p.matches("evilcorp.example.com"), "a label boundary is needed");
        assertFalse(p.matches("corp.example.com.evil.example"));
        assertFalse(p.matches(".corp.example.com"), "an empty label is not a subdomain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.com", "*", "*.", "a.*.example.com", "*example.com", "**.example.com", "*.10.0.0.7",
        "*.[::1]", "256.0.0.1", "10.0.0", "127.1", "1.2.3.4.5", "01.2.3.4", "a..b.com", ".a.com", "-a.com", "a-.com",
        "api.github.com:443", "https://api.github.com", "api.github.com/", "fe80::1%eth0", "u@host.com", " ",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com"})
    void invalidPatterns(String text) {
        assertNotNull(HostPattern.problem(text), text);
        assertNull(HostPattern.parse(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.github.com", "localhost", "10.0.0.7", "0.0.0.0", "[::1]", "::1", "*.example.com",
        "*.co.uk", "my_host.internal", "xn--bcher-kva.example", "bücher.example", "api.github.com.", "host-1.example.com"})
    void validPatterns(String text) {
        assertNull(HostPattern.problem(text), text);
        assertNotNull(HostPattern.parse(text), text);
    }
}
