package io.egressguard.core.rules;

import java.util.Collections;
import java.util.List;

/** A rule file could not be used; {@link #problems()} lists every mistake found, not just the first. */
public final class RuleFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<RuleProblem> problems;

    public RuleFileException(List<RuleProblem> problems) {
        super(summary(problems));
        this.problems = Collections.unmodifiableList(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }

    private static String summary(List<RuleProblem> problems) {
        if (problems.isEmpty()) {
            return "invalid rule file";
        }
        String first = problems.get(0).toString();
        return problems.size() == 1 ? first
                : first + " (and " + (problems.size() - 1) + " more; run 'egress-guard rules check' to see all)";
    }
}
