package io.egressguard.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a security team relies on when writing a rule file: a valid file means exactly what it says,
 * and every mistake is reported at once, each at its line and column, with a hint.
 */
class RuleFileParserTest {

    private static final String FILE = "rules.yaml";

    // ---- a valid file -----------------------------------------------------------------------------

    @Test
    void validFileWithDefaultsMeansWhatItSays() throws Exception {
        RuleSet rules = parse("version: 1\n"
                + "secrets:\n"
                + "  - name: github\n"
                + "    description: read-only token\n"
                + "    allow:\n"
                + "      - host: API.GitHub.com.\n"
                + "        methods: [GET, HEAD]\n"
                + "        paths: [\"/repos/**\", \"/user\"]\n"
                + "    inject:\n"
                + "      replace-handle-in: [Authorization]\n", null);
        SecretRule github = rules.secret("github");
        assertEquals("read-only token", github.description());
        assertEquals(SecretRule.OnViolation.BLOCK, github.onViolation(), "block is the default");
        DestinationRule d = github.destinations().get(0);
        assertEquals("github@api.github.com", d.id(), "rule id is secret@canonical host");
        assertEquals("https", d.scheme(), "https is the default scheme");
        assertEquals(443, d.port(), "443 is the default https port");
        assertEquals(Set.of("GET", "HEAD"), d.methods());
        assertTrue(d.matchesOrigin("https", "api.github.com", 443));
        assertFalse(d.matchesOrigin("http", "api.github.com", 443), "never plain http unless the rule says so");
        assertFalse(d.matchesOrigin("https", "api.github.com", 8443));
        assertTrue(d.matchesPath("/repos/o/r/issues"));
        assertTrue(d.matchesPath("/user"));
        assertFalse(d.matchesPath("/user/keys"));
        assertTrue(d.matchesMethod("get"));
        assertFalse(d.matchesMethod("DELETE"));
        assertEquals(Injection.Mode.REPLACE_HANDLE, github.injection().mode());
        assertTrue(github.injection().handleAllowedIn("authorization"), "header names are case-insensitive");
        assertFalse(github.injection().handleAllowedIn("X-Api-Key"));
    }

    @Test
    void withoutPathsOrMethodsEveryPathAndMethodIsAllowed() throws Exception {
        DestinationRule d = parse(minimal("      - host: api.example.com\n"), null).secret("s").destinations().get(0);
        assertTrue(d.matchesPath("/anything/at/all"));
        assertTrue(d.matchesPath(null), "even a path the normaliser refuses, when no path is restricted");
        assertTrue(d.matchesMethod("DELETE"));
    }

    @Test
    void httpOnlyWhenTheRuleSaysSoWithPort80ByDefault() throws Exception {
        DestinationRule d = parse(minimal("      - host: 10.0.0.7\n        scheme: http\n"), null)
                .secret("s").destinations().get(0);
        assertEquals(80, d.port());
        assertTrue(d.matchesOrigin("http", "10.0.0.7", 80));
        assertFalse(d.matchesOrigin("https", "10.0.0.7", 80));
    }

    @Test
    void onViolationComesFromTheSecretThenTheDefaultsSection() throws Exception {
        RuleSet rules = parse("version: 1\n"
                + "defaults:\n"
                + "  on-violation: strip\n"
                + "secrets:\n"
                + "  - name: a\n"
                + "    allow: [{host: a.example.com}]\n"
                + "    inject: {replace-handle-in: [Authorization]}\n"
                + "  - name: b\n"
                + "    on-violation: block\n"
                + "    allow: [{host: b.example.com}]\n"
                + "    inject: {replace-handle-in: [Authorization]}\n", null);
        assertEquals(SecretRule.OnViolation.STRIP, rules.secret("a").onViolation());
        assertEquals(SecretRule.OnViolation.BLOCK, rules.secret("b").onViolation());
    }

    @Test
    void setHeaderFormats() throws Exception {
        RuleSet rules = parse("version: 1\n"
                + "secrets:\n"
                + "  - name: basic\n"
                + "    allow: [{host: a.example.com}]\n"
                + "    inject: {set-header: Authorization, format: basic, username: svc-bot}\n"
                + "  - name: tmpl\n"
                + "    allow: [{host: b.example.com}]\n"
                + "    inject: {set-header: Authorization, format: template, template: \"token {secret}\"}\n"
                + "  - name: bearer\n"
                + "    allow: [{host: c.example.com}]\n"
                + "    inject: {set-header: Authorization, format: bearer}\n", null);
        Injection basic = rules.secret("basic").injection();
        assertEquals(Injection.Mode.SET_HEADER, basic.mode());
        assertEquals(Injection.Format.BASIC, basic.format());
        assertEquals("svc-bot", basic.username());
        assertEquals("token {secret}", rules.secret("tmpl").injection().template());
        assertEquals(Injection.Format.BEARER, rules.secret("bearer").injection().format());
    }

    @Test
    void twoDestinationsOnOneHostGetDistinctIds() throws Exception {
        List<DestinationRule> d = parse(minimal("      - host: api.example.com\n        methods: [GET]\n"
                + "      - host: api.example.com\n        methods: [POST]\n        paths: [/upload]\n"), null)
                .secret("s").destinations();
        assertEquals("s@api.example.com", d.get(0).id());
        assertEquals("s@api.example.com#2", d.get(1).id());
    }

    @Test
    void wildcardIdKeepsTheStar() throws Exception {
        DestinationRule d = parse(minimal("      - host: \"*.Corp.Example.com\"\n"), null).secret("s").destinations().get(0);
        assertEquals("s@*.corp.example.com", d.id());
        assertTrue(d.host().isWildcard());
    }

    // ---- every error class: where it is, what it is, what to do -----------------------------------

    @Test
    void unknownKeySuggestsTheClosestAtEveryLevel() {
        List<RuleProblem> p = problems("version: 1\n"
                + "defaults:\n"
                + "  on-violaton: strip\n"
                + "secrets:\n"
                + "  - name: s\n"
                + "    descripton: x\n"
                + "    allow:\n"
                + "      - host: a.example.com\n"
                + "        path: [/x]\n"
                + "    inject:\n"
                + "      header: Authorization\n"
                + "      replace-handle-in: [Authorization]\n"
                + "verison: 1\n");
        assertProblem(p, 3, 3, "unknown key 'on-violaton'", "did you mean 'on-violation'?");
        assertProblem(p, 6, 5, "unknown key 'descripton'", "did you mean 'description'?");
        assertProblem(p, 9, 9, "unknown key 'path'", "did you mean 'paths'?");
        assertProblem(p, 11, 7, "unknown key 'header'", "did you mean 'set-header'?");
        assertProblem(p, 13, 1, "unknown key 'verison'", "did you mean 'version'?");
    }

    @Test
    void unknownKeyFarFromAnyListsTheAllowedOnes() {
        List<RuleProblem> p = problems(minimal("      - host: a.example.com\n        zzz: 1\n"));
        assertProblem(p, 6, 9, "unknown key 'zzz'", "allowed here: host, identities, methods, paths, port, scheme, tools");
    }

    @Test
    void badGlobs() {
        List<RuleProblem> p = problems(minimal("      - host: a.example.com\n"
                + "        paths: [\"repos/**\", \"/a/[x]\", \"/a/***\", \"/a/../b\", \"/search?q=*\", \"/a/%2Fb\", \"/%7euser\"]\n"));
        assertProblem(p, 6, 17, "invalid path glob 'repos/**'", "for example");
        assertTrue(find(p, 6, "'repos/**'").message().contains("starts with '/'"));
        assertTrue(find(p, 6, "'/a/[x]'").message().contains("character '['"));
        assertTrue(find(p, 6, "'/a/***'").message().contains("'***'"));
        assertTrue(find(p, 6, "'/a/../b'").message().contains("'..'"));
        assertTrue(find(p, 6, "'/search?q=*'").message().contains("query string"));
        assertTrue(find(p, 6, "'/a/%2Fb'").message().contains("escaped '/'"));
        assertTrue(find(p, 6, "'/%7euser'").message().contains("write '~'"));
        assertEquals(7, p.size(), "one problem per bad glob: " + p);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://api.github.com/repos | it is a URL",
        "api.github.com:443           | it contains a port",
        "'[::1]:8443'                 | it contains a port",
        "user@api.github.com          | without user",
        "'*.com'                      | whole top-level domain",
        "foo.*.example.com            | '*' is only allowed as the whole first label",
        "'*example.com'               | '*' is only allowed",
        "'*.10.0.0.1'                 | cannot cover an IP address",
        "a..example.com               | empty label",
        "-a.example.com               | starts or ends with '-'",
        "256.1.1.1                    | not a valid IPv4 address",
        "010.0.0.1                    | not a valid IPv4 address",
        "127.1                        | neither a host name nor an IPv4 address",
        "'fe80::1%eth0'               | IPv6 zone",
        "'1:2:3:4:5:6:7:8:9'          | not a valid IPv6 address",
        "'exa mple.com'               | not a valid host name",
    })
    void badHosts(String host, String expected) {
        List<RuleProblem> p = problems(minimal("      - host: \"" + host + "\"\n"));
        assertEquals(1, p.size(), p.toString());
        assertProblem(p, 5, 15, "invalid host '" + host + "': ", "for example 'host: api.example.com'");
        assertTrue(p.get(0).message().contains(expected), p.get(0).message());
    }

    @Test
    void hostThatIsNotAString() {
        List<RuleProblem> p = problems(minimal("      - host: [a.example.com, b.example.com]\n"));
        assertProblem(p, 5, 15, "'host' must be one host name, not a list", "use one destination per host");
    }

    @ParameterizedTest
    @CsvSource({"0", "65536", "70000", "-1", "8.5"})
    void badPorts(String port) {
        List<RuleProblem> p = problems(minimal("      - host: a.example.com\n        port: " + port + "\n"));
        assertProblem(p, 6, 15, "'port' must be a number from 1 to 65535, not the number " + port, "leave it out");
    }

    @Test
    void portThatIsText() {
        List<RuleProblem> p = problems(minimal("      - host: a.example.com\n        port: https\n"));
        assertProblem(p, 6, 15, "'port' must be a number from 1 to 65535, not 'https'", "leave it out");
    }

    @Test
    void badSchemeAndMethods() {
        List<RuleProblem> p = problems(minimal("      - host: a.example.com\n        scheme: ftp\n"
                + "        methods: [GET, FETCH]\n"
                + "      - host: b.example.com\n        methods: []\n"));
        assertProblem(p, 6, 17, "'scheme' must be https or http, not 'ftp'", "leave it out for https");
        assertProblem(p, 7, 24, "unknown HTTP method 'FETCH'", "use DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, TRACE");
        assertProblem(p, 9, 18, "'methods' is empty", "remove 'methods' to allow every method");
    }

    @Test
    void valuesAreCaseSensitiveAndTheHintSaysHowToWriteThem() {
        List<RuleProblem> p = problems("version: 1\n"
                + "defaults: {on-violation: Block}\n"
                + "secrets:\n"
                + "  - name: s\n"
                + "    allow: [{host: a.example.com, scheme: HTTPS, methods: [get]}]\n"
                + "    inject: {set-header: Authorization, format: Bearer}\n");
        assertProblem(p, 2, 26, "'on-violation' must be block or strip, not 'Block'", "write it in lower case: block");
        assertProblem(p, 5, 43, "'scheme' must be https or http, not 'HTTPS'", "write it in lower case: https");
        assertProblem(p, 5, 60, "unknown HTTP method 'get'", "write it in upper case: GET");
        assertProblem(p, 6, 49, "unknown format 'Bearer'", "write it in lower case: bearer");
    }

    @Test
    void yamlTypesMatterNumbersAreNumbersAndStringsAreStrings() {
        List<RuleProblem> p = problems("version: \"1\"\n"
                + "secrets:\n"
                + "  - name: 123\n"
                + "    allow: [{host: a.example.com, port: \"8443\", paths: [\"/a\", 7]}]\n"
                + "    inject: {set-header: Authorization, format: basic, username: 10042}\n");
        assertProblem(p, 1, 10, "'version' must be 1, not '1'", "a number without quotes");
        assertProblem(p, 3, 11, "'name' must be a string, not the number 123", "quote it");
        assertProblem(p, 4, 41, "'port' must be a number from 1 to 65535, not '8443'", "without quotes");
        assertProblem(p, 4, 63, "each item of 'paths' must be a string, not the number 7", "quote it");
        assertProblem(p, 5, 66, "format 'basic' needs 'username' (a string)", "quote it");
    }

    @Test
    void emptyPathsWouldMatchNothing() {
        List<RuleProblem> p = problems(minimal("      - host: a.example.com\n        paths: []\n"));
        assertProblem(p, 6, 16, "'paths' is empty", "remove 'paths' to allow every path");
    }

    @Test
    void duplicateSecretNameIsReportedEvenWhenAnEntryHasOtherMistakes() {
        List<RuleProblem> p = problems("version: 1\n"
                + "secrets:\n"
                + "  - name: github\n"
                + "    allow: [{host: api.github.com}]\n"
                + "    inject: {replace-handle-in: [Authorization]}\n"
                + "  - name: github\n"
                + "    allow: [{host: uploads.github.com, port: 0}]\n"
                + "    inject: {replace-handle-in: [Authorization]}\n");
        assertProblem(p, 6, 11, "secret 'github' is already defined on line 3", "merge both entries");
        assertProblem(p, 7, 46, "'port' must be a number", "leave it out");
    }

    @Test
    void duplicateYamlKeyIsReportedWhereTheSecondOneIs() {
        List<RuleProblem> p = problems(minimal("      - host: a.example.com\n        host: b.example.com\n"));
        assertProblem(p, 6, 9, "key 'host' appears twice in the same mapping", "keep one");
    }

    @Test
    void secretNotInTheStoreSuggestsTheClosestStoredName() {
        List<RuleProblem> p = problems("version: 1\n"
                + "secrets:\n"
                + "  - name: githb\n"
                + "    allow: [{host: api.github.com}]\n"
                + "    inject: {replace-handle-in: [Authorization]}\n"
                + "  - name: stripe\n"
                + "    allow: [{host: api.stripe.com}]\n"
                + "    inject: {set-header: Authorization, format: bearer}\n", List.of("github", "openai"));
        assertProblem(p, 3, 11, "secret 'githb' is not in the store", "did you mean 'github'?");
        assertProblem(p, 6, 11, "secret 'stripe' is not in the store", "add it with: egress-guard store put stripe --stdin");
        assertEquals(2, p.size(), p.toString());
    }

    @Test
    void withoutAStoreNamesAreNotChecked() throws Exception {
        assertNotNull(parse(minimal("      - host: a.example.com\n"), null));
    }

    @Test
    void missingTopLevelSections() {
        assertProblem(problems("secrets: []\n"), 1, 1, "missing 'version'", "add 'version: 1'");
        assertProblem(problems("version: 1\n"), 1, 1, "missing 'secrets'", "under 'secrets:'");
        assertProblem(problems("version: 2\nsecrets: []\n"), 1, 10, "'version' must be 1, not the number 2",
                "write 'version: 1'");
        assertProblem(problems(""), 1, 1, "must be a mapping with 'version' and 'secrets', but is empty", "examples in rules/");
        assertProblem(problems("- a\n- b\n"), 1, 1, "but is a list", "examples in rules/");
    }

    @Test
    void missingAllowAndInject() {
        List<RuleProblem> p = problems("version: 1\nsecrets:\n  - name: lonely\n");
        assertProblem(p, 3, 5, "secret 'lonely' has no 'allow'", "list at least one destination");
        assertProblem(p, 3, 5, "secret 'lonely' has no 'inject'", "replace-handle-in: [Authorization]");
        List<RuleProblem> q = problems("version: 1\nsecrets:\n  - allow: [{host: a.example.com}]\n"
                + "    inject: {replace-handle-in: [Authorization]}\n");
        assertProblem(q, 3, 5, "secret without 'name'", "add 'name:");
    }

    @Test
    void injectNeedsExactlyOneMode() {
        List<RuleProblem> both = problems(minimalWithInject("{replace-handle-in: [Authorization], set-header: X-Api-Key}"));
        assertProblem(both, 7, 13, "'inject' has both 'replace-handle-in' and 'set-header'", "choose one");
        List<RuleProblem> neither = problems(minimalWithInject("{format: bearer}"));
        assertProblem(neither, 7, 13, "'inject' needs 'replace-handle-in' or 'set-header'", "replace-handle-in: [Authorization]");
    }

    @Test
    void setHeaderMistakes() {
        assertProblem(problems(minimalWithInject("{set-header: Authorization}")), 7, 13,
                "'set-header' needs 'format'", "bearer, basic, raw or template");
        assertProblem(problems(minimalWithInject("{set-header: Authorization, format: digest}")), 7, 49,
                "unknown format 'digest'", "bearer, basic, raw or template");
        assertProblem(problems(minimalWithInject("{set-header: Authorization, format: basic}")), 7, 13,
                "format 'basic' needs 'username'", "the user name sent with the secret");
        assertProblem(problems(minimalWithInject("{set-header: Authorization, format: basic, username: 'a:b'}")), 7, 66,
                "cannot contain ':'", "separates user and password");
        assertProblem(problems(minimalWithInject("{set-header: Authorization, format: template, template: token}")), 7, 69,
                "the template does not contain {secret}", "'token {secret}'");
        assertProblem(problems(minimalWithInject("{set-header: Authorization, format: template}")), 7, 13,
                "format 'template' needs 'template'", "'token {secret}'");
        assertProblem(problems(minimalWithInject("{set-header: Authorization, format: bearer, username: x}")), 7, 67,
                "'username' only applies to format 'basic'", "remove it");
        assertProblem(problems(minimalWithInject("{set-header: Host, format: raw}")), 7, 26,
                "header 'Host' is managed by the HTTP client", "use Authorization");
        assertProblem(problems(minimalWithInject("{set-header: 'X Api', format: raw}")), 7, 26,
                "'X Api' is not a valid header name", "no spaces");
        assertProblem(problems(minimalWithInject("{replace-handle-in: [Authorization], format: bearer}")), 7, 50,
                "'format' only applies to 'set-header'", "the application writes the header itself");
    }

    @Test
    void invalidSecretName() {
        List<RuleProblem> p = problems("version: 1\nsecrets:\n  - name: GitHub Token\n    allow: [{host: a.example.com}]\n"
                + "    inject: {replace-handle-in: [Authorization]}\n");
        assertProblem(p, 3, 11, "invalid secret name 'GitHub Token'", "for example 'github'");
    }

    @Test
    void badOnViolation() {
        List<RuleProblem> p = problems("version: 1\ndefaults: {on-violation: warn}\nsecrets: []\n");
        assertProblem(p, 2, 26, "'on-violation' must be block or strip, not 'warn'", "strip removes the offending header");
    }

    @Test
    void invalidYamlIsReportedAtTheProblem() {
        List<RuleProblem> p = problems("version: 1\nsecrets:\n  - name: gh\n   allow: x\n");
        assertEquals(1, p.size());
        assertProblem(p, 4, 4, "not valid YAML: expected <block end>", "indentation");

        List<RuleProblem> tab = problems("version: 1\nsecrets:\n\t- name: gh\n");
        assertProblem(tab, 3, 1, "not valid YAML", "indentation");
        assertTrue(tab.get(0).message().contains("TAB"), tab.toString());
    }

    @Test
    void unclosedBracketIsReportedWithWhereItOpens() {
        List<RuleProblem> p = problems("version: 1\nsecrets:\n  - name: gh\n    allow: [{host: a.example.com}\n"
                + "    inject: {}\n");
        assertProblem(p, 5, 5, "not valid YAML: expected ',' or ']'", "indentation");
        assertTrue(p.get(0).message().contains("flow sequence that starts at line 4, column 12"), p.toString());
    }

    @Test
    void unclosedQuoteIsReportedWhereItOpens() {
        List<RuleProblem> p = problems("version: 1\nsecrets:\n  - name: 'gh\n");
        assertProblem(p, 3, 11, "not valid YAML: found unexpected end of stream", "never closed");
    }

    @Test
    void everyErrorIsReportedAtOnceInFileOrderEachWithAHint() {
        List<RuleProblem> p = problems("version: 1\n"
                + "defaults:\n"
                + "  on-violaton: strip\n"                                // 3
                + "secrets:\n"
                + "  - name: github\n"
                + "    allow:\n"
                + "      - host: https://api.github.com\n"                // 7
                + "        paths: [\"repos/**\"]\n"                      // 8
                + "        methods: [FETCH]\n"                            // 9
                + "      - host: api.github.com\n"
                + "        port: 99999\n"                                 // 11
                + "    inject:\n"
                + "      set-header: Authorization\n"                     // 13: basic without username
                + "      format: basic\n"
                + "  - name: github\n"                                    // 15: duplicate
                + "    allow: [{host: \"*.com\"}]\n"                      // 16
                + "    inject: {set-header: X-Key, format: template, template: nope}\n", // 17
                List.of("github"));
        List<Integer> lines = p.stream().map(RuleProblem::line).collect(Collectors.toList());
        assertEquals(List.of(3, 7, 8, 9, 11, 13, 15, 16, 17), lines, p.toString());
        for (RuleProblem problem : p) {
            assertEquals(FILE, problem.file());
            assertTrue(problem.column() >= 1, problem.toString());
            assertNotNull(problem.hint(), "every problem has a hint: " + problem);
            assertTrue(problem.toString().startsWith(FILE + ":" + problem.line() + ":" + problem.column() + ": "),
                    problem.toString());
            assertTrue(problem.toString().endsWith("(" + problem.hint() + ")"), problem.toString());
        }
    }

    @Test
    void exceptionMessageIsTheFirstProblemAndACount() {
        RuleFileException e = assertThrows(RuleFileException.class, () -> parse("version: 3\nfoo: 1\n", null));
        assertTrue(e.getMessage().startsWith(FILE + ":1:1: "), e.getMessage());
        assertTrue(e.getMessage().contains("and 2 more; run 'egress-guard rules check'"), e.getMessage());
    }

    // ---- files ---------------------------------------------------------------------------------------

    @Test
    void nonUtf8FileIsReportedAtTheFirstBadByte(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, "version: 1\nsecrets:\n  - name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        RuleFileException e = assertThrows(RuleFileException.class, () -> RuleFileParser.load(f, null));
        assertProblem(e.problems(), 3, 14, "not UTF-8 text (byte 0xe9 here)", "save it as UTF-8");
        assertEquals(f.toString(), e.problems().get(0).file());
    }

    @Test
    void byteOrderMarkIsAccepted(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bom.yaml");
        Files.write(f, ("\uFEFF" + minimal("      - host: a.example.com\n")).getBytes(StandardCharsets.UTF_8));
        assertNotNull(RuleFileParser.load(f, null).secret("s"));
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path f = dir.resolve("nope.yaml");
        RuleFileException e = assertThrows(RuleFileException.class, () -> RuleFileParser.load(f, null));
        assertProblem(e.problems(), 1, 1, "rule file not found", "check the path");
    }

    @Test
    void folderInsteadOfFile(@TempDir Path dir) {
        RuleFileException e = assertThrows(RuleFileException.class, () -> RuleFileParser.load(dir, null));
        assertProblem(e.problems(), 1, 1, "cannot read the rule file", "not a folder");
    }

    // ---- agents and their tools -------------------------------------------------------------------

    @Test
    void toolsAndIdentitiesScopeADestination() throws Exception {
        RuleSet rules = parse("version: 1\n"
                + "identity: triage-bot\n"
                + "identities:\n"
                + "  - name: release-bot\n"
                + "    tools: [releases.create]\n"
                + "tools:\n"
                + "  - name: issues.read\n"
                + "    entry-points: [\"com.acme.tools.GitHub#readIssues\", \"com.acme.Tools$Inner#run\"]\n"
                + "secrets:\n"
                + "  - name: github\n"
                + "    allow:\n"
                + "      - host: api.github.com\n"
                + "        methods: [GET]\n"
                + "        tools: [issues.read]\n"
                + "      - host: api.github.com\n"
                + "        tools: [outside-tools, releases.create]\n"
                + "        identities: release-bot\n"
                + "      - host: uploads.github.com\n"
                + "    inject: {replace-handle-in: [Authorization]}\n", null);
        assertEquals("triage-bot", rules.tools().identity());
        assertEquals(Map.of("releases.create", "release-bot"), rules.tools().identityByTool());
        assertEquals(Map.of("com.acme.tools.GitHub#readIssues", "issues.read", "com.acme.Tools$Inner#run", "issues.read"),
                rules.tools().entryPoints());
        List<DestinationRule> d = rules.secret("github").destinations();
        assertTrue(d.get(0).admits("issues.read", "triage-bot"));
        assertFalse(d.get(0).admits("issues.write", "triage-bot"), "another tool of the same agent");
        assertFalse(d.get(0).admits(null, "triage-bot"), "a rule with tools is not for requests outside tools");
        assertTrue(d.get(1).admits(null, "release-bot"), "outside-tools names requests outside any tool");
        assertTrue(d.get(1).admits("releases.create", "release-bot"));
        assertFalse(d.get(1).admits("releases.create", "triage-bot"), "identities narrow further");
        assertTrue(d.get(2).admits(null, "anyone") && d.get(2).admits("any.tool", "anyone"),
                "a rule without tools or identities is for every request, as before");
        assertTrue(d.get(0).describe().endsWith(" for tools issues.read"), d.get(0).describe());
    }

    @Test
    void aFileWithoutToolsHasNoToolRules() throws Exception {
        assertSame(ToolRules.NONE, parse(minimal("      - host: api.example.com\n"), null).tools());
    }

    @Test
    void mistakesInToolsAndIdentitiesArePlacedAndExplained() {
        List<RuleProblem> p = problems("version: 1\n"
                + "identity: \"two words\"\n"
                + "identities:\n"
                + "  - name: a\n"
                + "  - {name: b, tools: [x, outside-tools]}\n"
                + "  - {name: c, tools: [x]}\n"
                + "tools:\n"
                + "  - {name: t, entry-points: [\"com.acme.Tools\", \"com.acme.Tools#1run\", \"a.B#c\"]}\n"
                + "  - {name: u, entry-point: \"a.B#d\"}\n"
                + "  - {name: v, entry-points: \"a.B#c\"}\n"
                + "secrets:\n"
                + "  - name: s\n"
                + "    allow:\n"
                + "      - {host: a.example.com, tools: [], identities: []}\n"
                + "      - {host: b.example.com, tools: [\"bad tool\"]}\n"
                + "    inject: {replace-handle-in: [Authorization]}\n");
        assertProblem(p, 2, 11, "an identity is a name of letters", "triage-bot");
        assertProblem(p, 4, 5, "identity 'a' has no 'tools'", "tools: [releases.create]");
        assertProblem(p, 5, 26, "'outside-tools' stands for requests made outside any tool", "only be used in the 'tools' list");
        assertProblem(p, 6, 23, "tool 'x' already acts as identity 'b'", "one identity");
        assertProblem(p, 8, 30, "invalid entry point 'com.acme.Tools': expected one '#'", "com.acme.tools.GitHub#readIssues");
        assertProblem(p, 8, 48, "'1run' is not a Java method name", "#");
        assertProblem(p, 9, 15, "unknown key 'entry-point'", "did you mean 'entry-points'?");
        assertProblem(p, 10, 29, "entry point 'a.B#c' is already tool 't'", "a method runs one tool");
        assertProblem(p, 14, 38, "'tools' is empty", "outside-tools");
        assertProblem(p, 14, 54, "'identities' is empty", "remove 'identities'");
        assertProblem(p, 15, 39, "a tool is named with letters", "issues.read");
    }

    @Test
    void aToolTwiceAMisspeltOutsideToolsAndAReservedIdentityAreCaught() {
        List<RuleProblem> p = problems("version: 1\n"
                + "identities:\n"
                + "  - {name: outside-tools, tools: [x]}\n"
                + "tools:\n"
                + "  - {name: t1, entry-points: [\"a.B#c\"]}\n"
                + "  - {name: t1, entry-points: [\"a.B#d\"]}\n"
                + "secrets:\n"
                + "  - name: s\n"
                + "    allow:\n"
                + "      - {host: a.example.com, tools: [outside-tool, t1]}\n"
                + "    inject: {replace-handle-in: [Authorization]}\n");
        assertProblem(p, 3, 12, "'outside-tools' is not an identity", "triage-bot");
        assertProblem(p, 6, 12, "tool 't1' is already defined", "one entry");
        assertProblem(p, 10, 39, "'outside-tool' looks like a misspelling of 'outside-tools'", "outside any tool");
    }

    // ---- schema keys ---------------------------------------------------------------------------------

    @Test
    void schemaKeysCoverEverySection() {
        assertEquals(Set.of("top", "defaults", "secret", "allow", "inject", "llm", "redaction",
                "known-secrets", "identities", "tools", "mcp"), RuleFileParser.schemaKeys().keySet());
        assertTrue(RuleFileParser.schemaKeys().get("llm").contains("on-secret"));
        assertTrue(RuleFileParser.schemaKeys().get("inject").contains("replace-handle-in"));
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static String minimal(String allowItems) {
        return "version: 1\n"
                + "secrets:\n"
                + "  - name: s\n"
                + "    allow:\n"
                + allowItems
                + "    inject:\n"
                + "      replace-handle-in: [Authorization]\n";
    }

    /** A valid destination and the given inject mapping, in flow style on line 7. */
    private static String minimalWithInject(String injectFlow) {
        return "version: 1\n"
                + "secrets:\n"
                + "  - name: s\n"
                + "    allow:\n"
                + "      - host: a.example.com\n"
                + "    description: x\n"
                + "    inject: " + injectFlow + "\n";
    }

    static RuleSet parse(String yaml, Collection<String> known) throws RuleFileException {
        return RuleFileParser.parse(FILE, Paths.get(FILE), new StringReader(yaml), known);
    }

    private static List<RuleProblem> problems(String yaml) {
        return problems(yaml, null);
    }

    private static List<RuleProblem> problems(String yaml, Collection<String> known) {
        try {
            parse(yaml, known);
            return List.of();
        } catch (RuleFileException e) {
            return e.problems();
        }
    }

    private static RuleProblem find(List<RuleProblem> problems, int line, String messagePart) {
        for (RuleProblem p : problems) {
            if (p.line() == line && p.message().contains(messagePart)) {
                return p;
            }
        }
        fail("no problem on line " + line + " containing \"" + messagePart + "\" in " + problems);
        return null;
    }

    static void assertProblem(List<RuleProblem> problems, int line, int column, String messagePart, String hintPart) {
        RuleProblem p = find(problems, line, messagePart);
        assertEquals(column, p.column(), "column of " + p);
        assertNotNull(p.hint(), "hint of " + p);
        assertTrue(p.hint().contains(hintPart), "hint of " + p + " should contain \"" + hintPart + "\"");
    }

    @Test
    void assertProblemFailsWhenTheProblemIsMissing() {
        // the helper every test above relies on must be able to fail
        assertThrows(AssertionError.class, () -> assertProblem(List.of(), 1, 1, "x", "y"));
    }
}
