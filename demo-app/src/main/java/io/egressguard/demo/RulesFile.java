package io.egressguard.demo;

/**
 * The rule file the demo runs under: each secret may go to its own stand-in only. The stand-ins listen
 * on plain http on loopback, so every rule says {@code scheme: http} explicitly (the guard refuses to
 * inject over http otherwise) and names the exact port.
 */
final class RulesFile {

    private RulesFile() {}

    static String yaml(String openAiHost, int openAiPort, String githubHost, int githubPort) {
        return String.join("\n",
                "# Egress Guard rules for the demo: written by DemoLauncher, checked with 'egress-guard rules check'.",
                "version: 1",
                "secrets:",
                "  - name: " + DemoSecrets.OPENAI_NAME,
                "    description: OpenAI API key of the triage agent (here the local OpenAI stand-in)",
                "    allow:",
                "      - host: " + openAiHost,
                "        scheme: http",
                "        port: " + openAiPort,
                "        paths: [\"/v1/**\"]",
                "        methods: [POST]",
                "    inject:",
                "      replace-handle-in: [Authorization]   # the SDK sends 'Bearer <handle>'",
                "",
                "  - name: " + DemoSecrets.GITHUB_NAME,
                "    description: GitHub token of the triage bot, read issues and comment on them (the GitHub stand-in)",
                "    allow:",
                "      - host: " + githubHost,
                "        scheme: http",
                "        port: " + githubPort,
                "        paths: [\"/repos/**\"]",
                "        methods: [GET]",
                "      - host: " + githubHost,
                "        scheme: http",
                "        port: " + githubPort,
                "        paths: [\"/repos/*/*/issues/*/comments\"]",
                "        methods: [POST]",
                "    inject:",
                "      replace-handle-in: [Authorization]",
                "");
    }
}
