package io.egressguard.core.rules;

import static io.egressguard.core.rules.RuleFileParserTest.assertProblem;
import static io.egressguard.core.rules.RuleFileParserTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule file's optional {@code llm} and {@code redaction} sections. */
class RedactionAndLlmSectionsTest {

    private static final String SECRETS = "secrets: []\n";

    private static List<RuleProblem> problems(String yaml) {
        return assertThrows(RuleFileException.class, () -> parse(yaml, null)).problems();
    }

    @Test
    void withoutTheSectionsPlaceholdersEverywhereAllDetectorsOnAndPromptsCleaned() throws Exception {
        RuleSet r = parse("version: 1\n" + SECRETS, null);
        for (RedactionSettings.Output o : RedactionSettings.Output.values()) {
            assertEquals(RedactionSettings.Replacement.PLACEHOLDER, r.redaction().knownSecrets(o));
        }
        assertTrue(r.redaction().detectors());
        assertTrue(r.redaction().disabledDetectors().isEmpty());
        assertFalse(r.llm().blockSecrets());
        assertTrue(r.llm().endpoints().isEmpty());
    }

    @Test
    void knownSecretReplacementIsChosenPerOutput() throws Exception {
        RuleSet r = parse("version: 1\nredaction:\n  known-secrets: {logs: handle, traces: placeholder}\n"
                + "  detectors: false\n" + SECRETS, null);
        assertEquals(RedactionSettings.Replacement.HANDLE, r.redaction().knownSecrets(RedactionSettings.Output.LOGS));
        assertEquals(RedactionSettings.Replacement.PLACEHOLDER,
                r.redaction().knownSecrets(RedactionSettings.Output.CONSOLE), "unset outputs keep the default");
        assertFalse(r.redaction().detectors());
    }

    @Test
    void badRedactionSettingsAreReportedWhereTheyAre() {
        List<RuleProblem> p = problems("version: 1\nredaction:\n  known-secrets: {logs: hash, stdout: handle}\n"
                + "  detectors: maybe\n  disable-detector: [x]\n" + SECRETS);
        assertProblem(p, 3, 25, "'logs' must be placeholder or handle", "[REDACTED:name]");
        assertProblem(p, 3, 31, "unknown key 'stdout'", "console");
        assertProblem(p, 4, 14, "'detectors' must be true or false", "known secrets are still redacted");
        assertProblem(p, 5, 3, "unknown key 'disable-detector'", "disable-detectors");
    }

    @Test
    void llmEndpointsAndBlocking() throws Exception {
        RuleSet r = parse("version: 1\nllm:\n  endpoints: [\"https://gw.example.com/v1/\", \"http://10.0.0.5:8080\"]\n"
                + "  on-secret: block\n" + SECRETS, null);
        assertEquals(List.of(URI.create("https://gw.example.com/v1/"), URI.create("http://10.0.0.5:8080")),
                r.llm().endpoints());
        assertTrue(r.llm().blockSecrets());
    }

    @Test
    void badLlmSettingsAreReportedWhereTheyAre() {
        List<RuleProblem> p = problems("version: 1\nllm:\n  endpoints: [\"ftp://x.example\", \"https://u:p@x.example/v1\"]\n"
                + "  on-secret: warn\n" + SECRETS);
        assertProblem(p, 3, 15, "starts with https:// or http://", "");
        assertEquals(Set.of(3, 4), p.stream().map(RuleProblem::line).collect(java.util.stream.Collectors.toSet()), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.message().contains("without user, query or fragment")), p.toString());
        assertProblem(p, 4, 14, "'on-secret' must be redact or block", "cleans the prompt");
    }

    @Test
    void detectorsAreTurnedOffByIdAndAMisspeltIdGetsASuggestion() throws Exception {
        RuleSet r = parse("version: 1\nredaction:\n  disable-detectors: [jwt, password-assignment]\n" + SECRETS, null);
        assertEquals(Set.of("jwt", "password-assignment"), r.redaction().disabledDetectors());
        List<RuleProblem> p = problems("version: 1\nredaction:\n  disable-detectors: [jwtt]\n" + SECRETS);
        assertProblem(p, 3, 23, "there is no detector 'jwtt'", "did you mean 'jwt'?");
    }
}
