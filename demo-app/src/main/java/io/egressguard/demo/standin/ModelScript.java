package io.egressguard.demo.standin;

import java.util.List;

/** What the stand-in model answers at each of its turns; one script per agent of the demo. */
public interface ModelScript {

    /**
     * The model's answer for its {@code turn}-th turn (0-based), given the results of every tool call
     * so far, in order.
     */
    ConversationScript.Turn next(int turn, List<String> toolResults);
}
