package io.egressguard.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples in {@code rules/} are valid, and {@code rules/schema.json} describes the same format as
 * the parser: the same keys in every section, and the same verdict on a table of valid and invalid files.
 */
class RuleExamplesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path rulesDir;
    private static JsonNode schemaJson;
    private static MiniSchema schema;

    @BeforeAll
    static void load() throws IOException {
        rulesDir = findRulesDir();
        schemaJson = JSON.readTree(rulesDir.resolve("schema.json").toFile());
        schema = new MiniSchema(schemaJson);
    }

    /** The top-level {@code rules/} folder, from the module folder (Maven's basedir) or the project root. */
    private static Path findRulesDir() {
        for (Path start = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath(); start != null;
                start = start.getParent()) {
            Path candidate = start.resolve("rules");
            if (Files.isRegularFile(candidate.resolve("schema.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("rules/schema.json not found above " + System.getProperty("basedir", "."));
    }

    static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(findRulesDir())) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void everyExampleTheReadmePromisesIsThere() throws IOException {
        Set<String> names = examples().stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        for (String promised : List.of("github-readonly.yaml", "slack-readonly.yaml", "openai.yaml", "anthropic.yaml",
                "stripe.yaml", "internal-api.yaml", "oauth-provider.yaml")) {
            assertTrue(names.contains(promised), promised + " is missing from rules/");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleIsAcceptedByTheParserWithoutAnyProblem(Path example) {
        try {
            RuleSet rules = RuleFileParser.load(example, null);
            assertFalse(rules.secrets().isEmpty(), example + " defines no secret");
        } catch (RuleFileException e) {
            fail(example + " has problems:\n" + e.problems().stream().map(Object::toString).collect(Collectors.joining("\n")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleIsValidAgainstTheSchema(Path example) throws IOException {
        assertEquals(List.of(), schema.validate(YAML.readTree(example.toFile())), example.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleExplainsItselfAndPointsEditorsAtTheSchema(Path example) throws IOException {
        List<String> lines = Files.readAllLines(example);
        assertEquals("# yaml-language-server: $schema=schema.json", lines.get(0), example.toString());
        long comments = lines.stream().filter(l -> l.trim().startsWith("#") || l.contains(" # ")).count();
        assertTrue(comments >= 10, example + " should explain its choices in comments");
    }

    // ---- the schema and the parser agree -------------------------------------------------------------

    @Test
    void theSchemaListsExactlyTheKeysTheParserAccepts() {
        Map<String, Set<String>> parser = RuleFileParser.schemaKeys();
        assertEquals(parser.get("top"), keys(schemaJson.path("properties")), "top level");
        assertEquals(parser.get("defaults"), keys(schemaJson.path("properties").path("defaults").path("properties")), "defaults");
        assertEquals(parser.get("secret"), keys(schemaJson.at("/$defs/secret/properties")), "secret");
        assertEquals(parser.get("allow"), keys(schemaJson.at("/$defs/destination/properties")), "allow");
        assertEquals(parser.get("inject"), keys(schemaJson.at("/$defs/inject/properties")), "inject");
        assertEquals(parser.get("redaction"), keys(schemaJson.at("/properties/redaction/properties")), "redaction");
        assertEquals(parser.get("known-secrets"), keys(schemaJson.at("/properties/redaction/properties/known-secrets/properties")),
                "redaction.known-secrets");
        assertEquals(parser.get("llm"), keys(schemaJson.path("properties").path("llm").path("properties")), "llm");
        assertEquals(parser.get("identities"), keys(schemaJson.at("/$defs/identity/properties")), "identities");
        assertEquals(parser.get("tools"), keys(schemaJson.at("/$defs/tool/properties")), "tools");
        assertEquals(parser.get("mcp"), keys(schemaJson.at("/$defs/mcpRule/properties")), "mcp");
        assertEquals(Set.of("top", "defaults", "secret", "allow", "inject", "llm", "redaction", "known-secrets",
                "identities", "tools", "mcp"), parser.keySet(),
                "a section the test does not know");
    }

    private static Set<String> keys(JsonNode properties) {
        Set<String> out = new TreeSet<>();
        properties.fieldNames().forEachRemaining(out::add);
        assertFalse(out.isEmpty(), "no properties found; the schema's layout changed");
        return out;
    }

    private static final String BASE = "version: 1\n"
            + "secrets:\n"
            + "  - name: app\n"
            + "    allow:\n"
            + "      - {DEST}\n"
            + "    inject: {INJECT}\n";

    private static String file(String dest, String inject) {
        return BASE.replace("{DEST}", dest).replace("{INJECT}", inject);
    }

    private static final String OK_DEST = "{host: api.example.com}";
    private static final String OK_INJECT = "{replace-handle-in: [Authorization]}";

    static List<String> validFiles() {
        return List.of(
                file(OK_DEST, OK_INJECT),
                file("{host: \"*.example.com\", scheme: http, port: 8080, paths: /a, methods: GET}", OK_INJECT),
                file("{host: \"[::1]\", paths: [\"/a/**\", \"/b/*/c\", \"/v?/x\", \"/a%20b\"], methods: [GET, POST]}", OK_INJECT),
                file("{host: 10.0.0.7}", "{replace-handle-in: x-api-key}"),
                file(OK_DEST, "{set-header: Authorization, format: bearer}"),
                file(OK_DEST, "{set-header: Authorization, format: basic, username: svc}"),
                file(OK_DEST, "{set-header: X-Token, format: template, template: \"token {secret}\"}"),
                file(OK_DEST, "{set-header: X-Token, format: raw}"),
                "version: 1\ndefaults: {on-violation: strip}\nsecrets: []\n",
                file(OK_DEST, OK_INJECT).replace("  - name: app\n", "  - name: app\n    on-violation: block\n    description: x\n"),
                file("{host: api.example.com, tools: [issues.read, outside-tools], identities: [triage-bot]}", OK_INJECT),
                file("{host: api.example.com, tools: issues.read, identities: triage-bot}", OK_INJECT),
                "version: 1\nidentity: triage-bot\nidentities:\n  - {name: release-bot, tools: [releases.create]}\n"
                        + "tools:\n  - {name: issues.read, entry-points: [\"com.acme.tools.GitHub#readIssues\", \"a.B$C#d\"]}\n"
                        + "  - {name: issues.list, entry-points: \"com.acme.tools.GitHub#listIssues\"}\nsecrets: []\n");
    }

    static List<String> invalidFiles() {
        List<String> f = new ArrayList<>(List.of(
                "secrets: []\n",                                                         // no version
                "version: 1\n",                                                          // no secrets
                "version: 2\nsecrets: []\n",
                "version: \"1\"\nsecrets: []\n",
                "version: 1\nsecrets: []\nextra: 1\n",
                "version: 1\ndefaults: {on-violation: warn}\nsecrets: []\n",
                "version: 1\ndefaults: {strip: true}\nsecrets: []\n",
                "version: 1\nsecrets:\n  - {allow: [{host: a.example.com}], inject: {replace-handle-in: [A]}}\n",
                "version: 1\nsecrets:\n  - {name: app, inject: {replace-handle-in: [A]}}\n",
                "version: 1\nsecrets:\n  - {name: app, allow: [{host: a.example.com}]}\n",
                "version: 1\nsecrets:\n  - {name: app, allow: [], inject: {replace-handle-in: [A]}}\n",
                file(OK_DEST, OK_INJECT).replace("name: app", "name: App"),
                file(OK_DEST, OK_INJECT).replace("name: app", "name: 123"),
                file(OK_DEST, OK_INJECT).replace("  - name: app\n", "  - name: app\n    on-violation: Strip\n"),
                file(OK_DEST, OK_INJECT).replace("  - name: app\n", "  - name: app\n    owner: me\n"),
                "version: 1\nidentity: \"two words\"\nsecrets: []\n",
                "version: 1\nidentity: [a]\nsecrets: []\n",
                "version: 1\nidentities: [{name: a}]\nsecrets: []\n",
                "version: 1\nidentities: [{name: a, tools: []}]\nsecrets: []\n",
                "version: 1\nidentities: {name: a, tools: [x]}\nsecrets: []\n",
                "version: 1\ntools: [{name: t, entry-points: [\"com.acme.Tools\"]}]\nsecrets: []\n",
                "version: 1\ntools: [{name: t, entry-points: [\"com.acme.Tools#\"]}]\nsecrets: []\n",
                "version: 1\ntools: [{name: t, entry-points: [\"com.acme.Tools#a#b\"]}]\nsecrets: []\n",
                "version: 1\ntools: [{name: t, entry-point: \"a.B#c\"}]\nsecrets: []\n",
                "version: 1\ntools: [{entry-points: \"a.B#c\"}]\nsecrets: []\n"));
        for (String dest : List.of(
                "{port: 443}",
                "{host: api.example.com, path: /a}",
                "{host: \"api.example.com:443\"}",
                "{host: \"https://api.example.com\"}",
                "{host: \"u@api.example.com\"}",
                "{host: \"a.*.example.com\"}",
                "{host: \"*\"}",
                "{host: api.example.com, scheme: ftp}",
                "{host: api.example.com, scheme: HTTPS}",
                "{host: api.example.com, port: 0}",
                "{host: api.example.com, port: 65536}",
                "{host: api.example.com, port: \"443\"}",
                "{host: api.example.com, paths: []}",
                "{host: api.example.com, paths: \"repos/**\"}",
                "{host: api.example.com, paths: [\"/a/../b\"]}",
                "{host: api.example.com, paths: [\"/a/./b\"]}",
                "{host: api.example.com, paths: [\"/a/***\"]}",
                "{host: api.example.com, paths: [\"/a?x=1\"]}",
                "{host: api.example.com, paths: [\"/a b\"]}",
                "{host: api.example.com, paths: [\"/a/[x]\"]}",
                "{host: api.example.com, paths: [\"/a/%2Fb\"]}",
                "{host: api.example.com, paths: [\"/%7euser\"]}",
                "{host: api.example.com, paths: [\"/a%zz\"]}",
                "{host: api.example.com, paths: [7]}",
                "{host: api.example.com, methods: []}",
                "{host: api.example.com, methods: [get]}",
                "{host: api.example.com, methods: [FETCH]}",
                "{host: api.example.com, tools: []}",
                "{host: api.example.com, tools: [\"bad tool\"]}",
                "{host: api.example.com, tools: [7]}",
                "{host: api.example.com, identities: []}")) {
            f.add(file(dest, OK_INJECT));
        }
        for (String inject : List.of(
                "{}",
                "{replace-handle-in: [Authorization], set-header: X-Key}",
                "{replace-handle-in: []}",
                "{replace-handle-in: [Authorization], format: bearer}",
                "{replace-handle-in: [\"Bad Header\"]}",
                "{replace-handle-in: [Host]}",
                "{set-header: Authorization}",
                "{set-header: Authorization, format: Bearer}",
                "{set-header: Authorization, format: digest}",
                "{set-header: Authorization, format: basic}",
                "{set-header: Authorization, format: basic, username: \"a:b\"}",
                "{set-header: Authorization, format: basic, username: 10042}",
                "{set-header: Authorization, format: bearer, username: svc}",
                "{set-header: Authorization, format: template}",
                "{set-header: Authorization, format: template, template: token}",
                "{set-header: Authorization, format: raw, template: \"x {secret}\"}",
                "{set-header: Content-Length, format: raw}",
                "{set-header: [A, B], format: raw}",
                "{set-header: Authorization, format: bearer, extra: 1}")) {
            f.add(file(OK_DEST, inject));
        }
        return f;
    }

    @ParameterizedTest
    @MethodSource("validFiles")
    void validForBoth(String yaml) throws Exception {
        RuleFileParser.parse("t.yaml", Paths.get("t.yaml"), new StringReader(yaml), null);
        assertEquals(List.of(), schema.validate(YAML.readTree(yaml)), yaml);
    }

    @ParameterizedTest
    @MethodSource("invalidFiles")
    void invalidForBoth(String yaml) throws Exception {
        RuleFileException e = assertThrows(RuleFileException.class,
                () -> RuleFileParser.parse("t.yaml", Paths.get("t.yaml"), new StringReader(yaml), null), yaml);
        assertFalse(e.problems().isEmpty());
        assertFalse(schema.validate(YAML.readTree(yaml)).isEmpty(), "the schema accepts what the parser refuses ("
                + e.problems().get(0) + "):\n" + yaml);
    }

    @Test
    void miniSchemaRefusesKeywordsItDoesNotImplement() throws IOException {
        MiniSchema strict = new MiniSchema(JSON.readTree("{\"uniqueItems\": true}"));
        assertThrows(IllegalArgumentException.class, () -> strict.validate(JSON.readTree("[1, 1]")));
    }
}
