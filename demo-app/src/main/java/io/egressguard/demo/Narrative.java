package io.egressguard.demo;

import io.egressguard.demo.standin.ConversationScript;
import io.egressguard.demo.standin.OpenAiStandIn;
import io.egressguard.demo.standin.Received;
import io.egressguard.demo.standin.StandIn;
import java.util.List;

/**
 * Tells the run step by step: for each turn of the model, what the model asked for, what the
 * application sent (handles only), what the guard did, what each server received, and what the model
 * was shown next. Everything comes from records: the stand-ins' logs and the application's output.
 */
final class Narrative {

    private final Report report;
    private final AppTranscript app;
    private final OpenAiStandIn openai;
    private final List<StandIn> apis;

    Narrative(Report report, AppTranscript app, OpenAiStandIn openai, List<StandIn> apis) {
        this.report = report;
        this.app = app;
        this.openai = openai;
        this.apis = apis;
    }

    void print() {
        List<OpenAiStandIn.Exchange> exchanges = openai.exchanges();
        if (exchanges.isEmpty()) {
            report.blank();
            report.line("The model never answered: the OpenAI stand-in refused every request (see what it received).");
        }
        for (OpenAiStandIn.Exchange ex : exchanges) {
            int step = ex.step();
            report.blank();
            String title = step <= ConversationScript.STEP_TITLES.size() ? ConversationScript.STEP_TITLES.get(step - 1) : "";
            report.line("Step " + step + ". " + title);
            for (Received r : received(openai, step)) {
                report.labelled(2, "openai", "received " + r.describe());
            }
            if (!ex.answer().isToolCall()) {
                report.labelled(2, "model", "answers: " + ex.answer().answer());
                continue;
            }
            report.labelled(2, "model", "asks for " + ex.answer().toolName() + " " + ex.answer().arguments());
            app.of(step, "call").forEach(l -> report.labelled(2, "app", "sends " + l.text()));
            guard(step);
            for (StandIn s : apis) {
                List<Received> got = received(s, step);
                if (got.isEmpty()) {
                    report.labelled(2, s.name(), "received nothing");
                }
                got.forEach(r -> report.labelled(2, s.name(), "received " + r.describe()));
            }
            app.of(step, "result").forEach(l -> report.labelled(2, "app", "gets " + l.text()));
            shownNext(exchanges, step);
        }
    }

    /** What the guard did with the step's request: blocked it (the app says so), or let it out with the token. */
    private void guard(int step) {
        List<AppTranscript.Line> failed = app.of(step, "failed");
        for (AppTranscript.Line l : failed) {
            report.labelled(2, "guard", (l.text().contains("Egress Guard blocked") ? "BLOCKED it; the app gets "
                    : "(the request failed) ") + l.text());
        }
        boolean tokenArrived = apis.stream().flatMap(s -> received(s, step).stream()).anyMatch(Received::valid);
        if (failed.isEmpty() && tokenArrived) {
            report.labelled(2, "guard", "replaced the handle with the real token on the way out, as the rule allows");
        }
    }

    /** What the model was shown at its next turn: the tool results of this step. */
    private void shownNext(List<OpenAiStandIn.Exchange> exchanges, int step) {
        for (OpenAiStandIn.Exchange next : exchanges) {
            if (next.step() != step + 1) {
                continue;
            }
            for (String result : next.newToolResults()) {
                int hidden = result.indexOf("<!--");
                if (hidden >= 0) {
                    int end = result.indexOf("-->", hidden);
                    report.labelled(2, "model", "is shown the issues; hidden in #2: "
                            + Report.abbreviate(result.substring(hidden, end < 0 ? result.length() : end + 3), 600));
                } else {
                    report.labelled(2, "model", "is shown: " + Report.abbreviate(result, 300));
                }
            }
        }
    }

    static List<Received> received(StandIn s, int step) {
        return s.received().stream().filter(r -> r.step() == step).toList();
    }
}
