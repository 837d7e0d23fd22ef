package io.egressguard.it.apps.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A LangChain4j agent (AiServices over the OpenAI chat model) with two GitHub tools, driven by a
 * scripted loopback model. The tools print what happened to each of their requests:
 * {@code TOOL name how: result}. Arguments: GitHub stand-in URL, GitHub handle, OpenAI handle; the
 * real OpenAI key comes on standard input, for the model stand-in to check (never printed).
 */
public final class LangChain4jAgentApp {

    interface Assistant {
        String chat(String message);
    }

    /** The agent's tools: plain methods, as LangChain4j users write them. */
    public static final class IssueTools {
        private final String api;
        private final String handle;
        private final ExecutorService pool;

        IssueTools(String api, String handle, ExecutorService pool) {
            this.api = api;
            this.handle = handle;
            this.pool = pool;
        }

        @Tool("Lists the open issues of the repository")
        public String listIssues(@P(name = "how", value = "same-thread, executor or completable-future") String how) {
            return report("listIssues", how, "/repos/acme/app/issues");
        }

        @Tool("Closes an issue")
        public String closeIssue(@P(name = "how", value = "same-thread, executor or completable-future") String how) {
            return report("closeIssue", how, "/repos/acme/app/issues/7");
        }

        private String report(String tool, String how, String path) {
            String result;
            try {
                switch (how) {
                    case "executor":
                        result = pool.submit(() -> get(path)).get();
                        break;
                    case "completable-future":
                        result = CompletableFuture.supplyAsync(() -> path).thenApplyAsync(this::safeGet).get();
                        break;
                    default:
                        result = get(path);
                }
            } catch (Exception e) {
                Throwable t = e;
                while (t.getCause() != null) {
                    t = t.getCause();
                }
                result = "blocked: " + t.getMessage();
            }
            System.out.println("TOOL " + tool + " " + how + ": " + result);
            return result;
        }

        private String safeGet(String path) {
            try {
                return get(path);
            } catch (IOException e) {
                return "blocked: " + e.getMessage();
            }
        }

        private String get(String path) throws IOException {
            HttpURLConnection c = (HttpURLConnection) new URL(api + path).openConnection();
            c.setRequestProperty("Authorization", "Bearer " + handle);
            try {
                return "status " + c.getResponseCode();
            } finally {
                c.disconnect();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String githubApi = args[0];
        String githubHandle = args[1];
        String openAiHandle = args[2];
        String openAiKey = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        ExecutorService pool = Executors.newFixedThreadPool(1);
        pool.submit(() -> { }).get();
        List<String[][]> turns = List.of(
                new String[][] {{"listIssues", "{\"how\":\"same-thread\"}"}, {"closeIssue", "{\"how\":\"same-thread\"}"}},
                new String[][] {{"listIssues", "{\"how\":\"executor\"}"}, {"closeIssue", "{\"how\":\"executor\"}"}},
                new String[][] {{"listIssues", "{\"how\":\"completable-future\"}"},
                    {"closeIssue", "{\"how\":\"completable-future\"}"}});
        try (ScriptedOpenAi llm = new ScriptedOpenAi(turns, openAiKey, Integer.parseInt(args[3]))) {
            OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(llm.baseUrl()).apiKey(openAiHandle)
                    .modelName("gpt-4o-mini").maxRetries(0).build();
            Assistant assistant = AiServices.builder(Assistant.class).chatModel(model)
                    .tools(new IssueTools(githubApi, githubHandle, pool)).build();
            System.out.println("ANSWER " + assistant.chat("Triage the issues"));
            System.out.println("LLM requests " + llm.requests.get() + ", with the real key " + llm.requestsWithKey.get());
        }
        pool.shutdown();
    }
}
