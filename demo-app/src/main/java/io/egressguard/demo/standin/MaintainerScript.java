package io.egressguard.demo.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * What the stand-in model says to the second agent, the repo maintainer: list the issues with one tool,
 * then close the hostile one with the other. Both tools use the same GitHub token; the rule file grants it
 * to listIssues only. Its steps follow the triage agent's in the demo's numbering.
 */
public final class MaintainerScript implements ModelScript {

    public static final int STEP_LIST_ISSUES = ConversationScript.STEP_ANSWER + 1;
    public static final int STEP_CLOSE_ISSUE = STEP_LIST_ISSUES + 1;
    public static final int STEP_ANSWER = STEP_CLOSE_ISSUE + 1;
    /** The issue the model wants closed: the one that carries the prompt injection. */
    public static final int ISSUE_TO_CLOSE = 2;

    /** What each step shows, for the narrative. */
    public static final List<String> STEP_TITLES = List.of(
            "listIssues: the tool the GitHub token is granted to reads the issues",
            "closeIssue: another tool of the same agent asks for the same token on the same API",
            "The model's final answer");

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public ConversationScript.Turn next(int turn, List<String> toolResults) {
        switch (turn) {
            case 0:
                return ConversationScript.tool("listIssues", json.createObjectNode().put("repo", ConversationScript.REPO));
            case 1:
                return ConversationScript.tool("closeIssue", json.createObjectNode().put("repo", ConversationScript.REPO)
                        .put("number", ISSUE_TO_CLOSE));
            default:
                boolean closed = toolResults.size() > 1 && !toolResults.get(1).contains(ConversationScript.BLOCKED);
                return ConversationScript.answer("Listed the open issues of " + ConversationScript.REPO + ". "
                        + (closed ? "Closed #" + ISSUE_TO_CLOSE + "."
                                : "I could not close #" + ISSUE_TO_CLOSE + ": the runtime refused the GitHub token to"
                                        + " closeIssue. A maintainer has to close it, or grant that tool the token."));
        }
    }
}
