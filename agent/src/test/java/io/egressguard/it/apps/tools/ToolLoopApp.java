package io.egressguard.it.apps.tools;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An agent with a hand-written tool loop, as an application that calls an LLM SDK directly has: the
 * "model" is a fixed list of tool calls. Prints one line per call: {@code CALL tool how: result}.
 */
public final class ToolLoopApp {

    public static void main(String[] args) throws Exception {
        String api = args[0];
        String handle = args[1];
        ExecutorService pool = Executors.newFixedThreadPool(1);
        pool.submit(() -> { }).get(); // its one thread exists before any tool runs, so nothing is inherited
        GitHubTools tools = new GitHubTools(api, handle, pool);
        String[][] calls = {
            {"issues.read", "same-thread"}, {"issues.write", "same-thread"}, {"outside", "same-thread"},
            {"issues.read", "executor"}, {"outside", "executor"}, {"issues.write", "executor"},
            {"issues.read", "executor-runnable"}, {"outside", "executor-runnable"},
            {"issues.read", "completable-future"}, {"issues.write", "completable-future"}, {"outside", "completable-future"},
            {"issues.read", "completable-future-on-pool"}, {"outside", "completable-future-on-pool"},
            {"issues.read", "jdk-httpclient-async"}, {"issues.write", "jdk-httpclient-async"},
            {"issues.read", "reactor"}, {"issues.write", "reactor"}, {"outside", "reactor"},
        };
        for (String[] call : calls) {
            String result;
            try {
                switch (call[0]) {
                    case "issues.read":
                        result = tools.readIssues(call[1]);
                        break;
                    case "issues.write":
                        result = tools.closeIssue(call[1]);
                        break;
                    default:
                        result = tools.outsideAnyTool(call[1]);
                }
            } catch (Exception e) {
                Throwable t = e;
                while (t.getCause() != null) {
                    t = t.getCause();
                }
                result = "blocked: " + t.getMessage();
            }
            System.out.println("CALL " + call[0] + " " + call[1] + ": " + result);
        }
        pool.shutdown();
    }
}
