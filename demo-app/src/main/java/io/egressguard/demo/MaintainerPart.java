package io.egressguard.demo;

import io.egressguard.demo.standin.ConversationScript;
import io.egressguard.demo.standin.GitHubStandIn;
import io.egressguard.demo.standin.MaintainerScript;
import io.egressguard.demo.standin.OpenAiStandIn;
import io.egressguard.demo.standin.Received;
import java.util.List;

/**
 * The demo's second agent, the repo maintainer on LangChain4j: one token, two {@code @Tool}s, and a
 * rule that grants the token to one of them. Tells its run step by step, and checks it: listIssues gets
 * the real token at the GitHub stand-in, closeIssue is refused the same token with a message that names
 * the tool, the secret and the rule needed, and the audit names the identity and the tool of each.
 */
final class MaintainerPart {

    static final String APP_MAIN = "io.egressguard.demo.app.RepoMaintainerAgent";
    /** What the guard's refusal must say: the tool, the secret, and the rule it would need. */
    static final String REFUSAL = "tool '" + RulesFile.REFUSED_TOOL + "' of identity '" + RulesFile.MAINTAINER
            + "' may not use secret '" + DemoSecrets.GITHUB_NAME + "'";
    static final String RULE_NEEDED = "the rule needed: '" + RulesFile.REFUSED_TOOL + "' in its 'tools'";

    private final Report report;
    private final AppTranscript app;
    private final OpenAiStandIn openai;
    /** How many requests the OpenAI stand-in had received before this agent started: the first agent's. */
    private final int openAiBefore;
    private final GitHubStandIn github;

    MaintainerPart(Report report, AppTranscript app, OpenAiStandIn openai, int openAiBefore, GitHubStandIn github) {
        this.report = report;
        this.app = app;
        this.openai = openai;
        this.openAiBefore = openAiBefore;
        this.github = github;
    }

    void print() {
        List<OpenAiStandIn.Exchange> exchanges = openai.exchanges().stream()
                .filter(e -> e.step() >= MaintainerScript.STEP_LIST_ISSUES).toList();
        if (exchanges.isEmpty()) {
            report.blank();
            report.line("The model never answered: the OpenAI stand-in refused every request of this agent.");
        }
        for (OpenAiStandIn.Exchange ex : exchanges) {
            int step = ex.step();
            report.blank();
            int index = step - MaintainerScript.STEP_LIST_ISSUES;
            report.line("Step " + step + ". " + (index < MaintainerScript.STEP_TITLES.size()
                    ? MaintainerScript.STEP_TITLES.get(index) : ""));
            Narrative.received(openai, step).forEach(r -> report.labelled(2, "openai", "received " + r.describe()));
            if (!ex.answer().isToolCall()) {
                report.labelled(2, "model", "answers: " + ex.answer().answer());
                continue;
            }
            String tool = ex.answer().toolName();
            report.labelled(2, "model", "asks for " + tool + " " + ex.answer().arguments());
            for (AppTranscript.ToolLine l : app.ofTool(tool)) {
                switch (l.kind()) {
                    case "call" -> report.labelled(2, tool, "sends " + l.text());
                    case "failed" -> report.labelled(2, "guard", (l.text().contains(ConversationScript.BLOCKED)
                            ? "BLOCKED it; the tool gets " : "(the request failed) ") + l.text());
                    default -> report.labelled(2, tool, "gets " + l.text());
                }
            }
            List<Received> got = Narrative.received(github, step);
            if (got.isEmpty()) {
                report.labelled(2, github.name(), "received nothing");
            }
            got.forEach(r -> report.labelled(2, github.name(), "received " + r.describe()));
        }
    }

    void check(SelfCheck checks, AppProcess.Result result, List<AuditEntries.Entry> audit) {
        // counted, not filtered by step: a refused request does not move the steps on
        List<Received> all = openai.received();
        List<Received> toOpenAi = all.subList(Math.min(openAiBefore, all.size()), all.size());
        String answer = app.lineAfter("[answer] ");
        checks.expect(result.exitCode() == 0 && answer != null, "[" + RulesFile.MAINTAINER + "] the LangChain4j agent"
                + " ran to the model's final answer", "exit " + result.exitCode());
        checks.expect(!toOpenAi.isEmpty() && toOpenAi.stream().allMatch(Received::valid),
                "[" + RulesFile.MAINTAINER + "] every request to the OpenAI stand-in carried the real OpenAI key",
                toOpenAi.size() + " request(s), " + toOpenAi.stream().filter(Received::valid).count() + " with the key");
        checks.expect(Narrative.received(github, MaintainerScript.STEP_LIST_ISSUES).stream().anyMatch(r -> r.valid()
                        && r.method().equals("GET") && r.status() == 200),
                "[" + RulesFile.MAINTAINER + "] " + RulesFile.GRANTED_TOOL + " reached the GitHub stand-in with the"
                        + " real token", null);
        String refusal = app.ofTool(RulesFile.REFUSED_TOOL).stream().filter(l -> l.kind().equals("failed"))
                .map(AppTranscript.ToolLine::text).findFirst().orElse("");
        checks.expect(refusal.contains(ConversationScript.BLOCKED) && refusal.contains(REFUSAL)
                        && refusal.contains(RULE_NEEDED)
                        && Narrative.received(github, MaintainerScript.STEP_CLOSE_ISSUE).isEmpty(),
                "[" + RulesFile.MAINTAINER + "] " + RulesFile.REFUSED_TOOL + " was refused the same token, by a"
                        + " message naming the tool, the secret and the rule needed; GitHub received nothing from it",
                null);
        long listed = audit.stream().filter(e -> e.identity().equals(RulesFile.MAINTAINER)
                && e.decision().equals("injected") && e.secret().equals(DemoSecrets.GITHUB_NAME)
                && RulesFile.GRANTED_TOOL.equals(e.tool())).count();
        long refused = audit.stream().filter(e -> e.identity().equals(RulesFile.MAINTAINER)
                && e.decision().equals("blocked") && e.secret().equals(DemoSecrets.GITHUB_NAME)
                && RulesFile.REFUSED_TOOL.equals(e.tool())).count();
        long model = audit.stream().filter(e -> e.identity().equals(RulesFile.MAINTAINER)
                && e.decision().equals("injected") && e.secret().equals(DemoSecrets.OPENAI_NAME) && e.tool() == null)
                .count();
        long maintainerLines = audit.stream().filter(e -> e.identity().equals(RulesFile.MAINTAINER)).count();
        checks.expect(listed == 1 && refused == 1 && model == toOpenAi.size() && maintainerLines == listed + refused + model,
                "[" + RulesFile.MAINTAINER + "] the audit names identity and tool: the token injected for "
                        + RulesFile.GRANTED_TOOL + ", blocked for " + RulesFile.REFUSED_TOOL + ", the key outside tools",
                listed + " injected for " + RulesFile.GRANTED_TOOL + ", " + refused + " blocked for "
                        + RulesFile.REFUSED_TOOL + ", " + model + " model calls of " + toOpenAi.size());
    }
}
