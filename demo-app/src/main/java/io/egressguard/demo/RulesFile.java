package io.egressguard.demo;

/**
 * The rule file both agents of the demo run under: each secret may go to its own stand-in only, the
 * OpenAI key only from the agents' own loops (never from a tool), and the GitHub token, per agent: the
 * triage agent may read and comment, the repo maintainer only from its listIssues tool. The stand-ins listen
 * on plain http on loopback, so every rule says {@code scheme: http} explicitly (the guard refuses to
 * inject over http otherwise) and names the exact port.
 *
 * <p>The maintainer's GitHub destination comes first: when several destinations match a request but not
 * the tool or identity making it, the guard's message explains the first one, and for closeIssue the
 * one worth explaining is the tool grant (the demo's self-check holds it to that).
 */
final class RulesFile {

    /** The identity of the first agent: the rule file's own {@code identity}. */
    static final String TRIAGE = "issue-triage-agent";
    /** The identity of the second agent, given on its command line ({@code identity=...}). */
    static final String MAINTAINER = "repo-maintainer";
    /** The maintainer's tool the GitHub token is granted to, and the one it is not. */
    static final String GRANTED_TOOL = "listIssues";
    static final String REFUSED_TOOL = "closeIssue";

    private RulesFile() {}

    static String yaml(String openAiHost, int openAiPort, String githubHost, int githubPort) {
        return String.join("\n",
                "# Egress Guard rules for the demo: written by DemoLauncher, checked with 'egress-guard rules check'.",
                "version: 1",
                "identity: " + TRIAGE + "   # the JVM of the second agent says identity=" + MAINTAINER
                        + " on its command line",
                "secrets:",
                "  - name: " + DemoSecrets.OPENAI_NAME,
                "    description: OpenAI API key of both agents (here the local OpenAI stand-in)",
                "    allow:",
                "      - host: " + openAiHost,
                "        scheme: http",
                "        port: " + openAiPort,
                "        paths: [\"/v1/**\"]",
                "        methods: [POST]",
                "        tools: [outside-tools]   # the agents' own loops call the model; no tool may use the key",
                "    inject:",
                "      replace-handle-in: [Authorization]   # the SDKs send 'Bearer <handle>'",
                "",
                "  - name: " + DemoSecrets.GITHUB_NAME,
                "    description: GitHub token of the bots (the GitHub stand-in)",
                "    allow:",
                "      - host: " + githubHost + "   # the maintainer: reading only, and only by its " + GRANTED_TOOL
                        + " tool",
                "        scheme: http",
                "        port: " + githubPort,
                "        paths: [\"/repos/**\"]",
                "        methods: [GET]",
                "        tools: [" + GRANTED_TOOL + "]",
                "        identities: [" + MAINTAINER + "]",
                "      - host: " + githubHost + "   # the triage agent: read issues and comment on them",
                "        scheme: http",
                "        port: " + githubPort,
                "        paths: [\"/repos/**\"]",
                "        methods: [GET]",
                "        identities: [" + TRIAGE + "]",
                "      - host: " + githubHost,
                "        scheme: http",
                "        port: " + githubPort,
                "        paths: [\"/repos/*/*/issues/*/comments\"]",
                "        methods: [POST]",
                "        identities: [" + TRIAGE + "]",
                "    inject:",
                "      replace-handle-in: [Authorization]",
                "");
    }
}
