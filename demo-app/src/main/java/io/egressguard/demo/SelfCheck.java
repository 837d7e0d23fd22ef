package io.egressguard.demo;

import java.util.ArrayList;
import java.util.List;

/** The demo's expectations and whether each held; the demo exits non-zero unless all did. */
final class SelfCheck {

    private record Check(boolean ok, String what, String detail) {}

    private final List<Check> checks = new ArrayList<>();

    void expect(boolean ok, String what, String detail) {
        checks.add(new Check(ok, what, detail));
    }

    boolean passed() {
        return checks.stream().allMatch(Check::ok);
    }

    void print(Report report) {
        for (Check c : checks) {
            report.labelled(2, c.ok() ? "ok" : "FAILED", c.what() + (c.detail() == null || c.detail().isEmpty() ? ""
                    : " (" + c.detail() + ")"));
        }
        long failed = checks.stream().filter(c -> !c.ok()).count();
        report.blank();
        report.line(failed == 0 ? "RESULT: all " + checks.size() + " checks passed"
                : "RESULT: " + failed + " of " + checks.size() + " checks FAILED");
    }
}
