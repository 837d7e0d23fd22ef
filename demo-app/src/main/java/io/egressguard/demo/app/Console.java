package io.egressguard.demo.app;

/**
 * The applications' own output. Every line about the triage agent's conversation starts with
 * {@code [step N] KIND:}, every line of a maintainer's tool with {@code [tool NAME] KIND:}, so that a
 * reader (and the demo launcher) can follow what it belongs to.
 */
final class Console {

    private Console() {}

    static void info(String text) {
        System.out.println(text);
        System.out.flush();
    }

    static void step(int step, String kind, String text) {
        System.out.println("[step " + step + "] " + kind + ": " + text);
        System.out.flush();
    }

    /**
     * A line of a tool of the second agent, whose tool loop (LangChain4j's) does not number steps:
     * {@code [tool NAME] KIND: text}.
     */
    static void tool(String tool, String kind, String text) {
        System.out.println("[tool " + tool + "] " + kind + ": " + text);
        System.out.flush();
    }

    /** The message of a failure and of its causes, for people and for the model. */
    static String describe(Throwable e) {
        // java.net.http and the OpenAI SDK wrap the I/O error that really happened; the innermost
        // exception is the one that says what went wrong, and carries its real type.
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String type = root.getClass().getSimpleName();
        return type + (root instanceof java.io.IOException && !type.equals("IOException") ? " (an IOException)" : "")
                + ": " + root.getMessage();
    }
}
