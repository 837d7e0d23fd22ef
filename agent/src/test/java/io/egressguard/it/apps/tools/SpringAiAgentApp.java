package io.egressguard.it.apps.tools;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.ai.tool.function.FunctionToolCallback;

/**
 * A Spring AI agent ({@code ChatClient} over the OpenAI chat model, no Spring Boot) with three GitHub
 * tools, driven by a scripted loopback model: two {@code @Tool} methods and one function registered in
 * code. The tools print what happened to each of their requests: {@code TOOL name how: result}.
 * Arguments: GitHub stand-in URL, GitHub handle, OpenAI handle, model stand-in port; the real OpenAI
 * key comes on standard input, for the model stand-in to check (never printed).
 */
public final class SpringAiAgentApp {

    /** The agent's annotated tools, as Spring AI users write them. */
    public static final class IssueTools {
        private final GitHub github;

        IssueTools(GitHub github) {
            this.github = github;
        }

        @Tool(description = "Lists the open issues of the repository")
        public String listIssues(@ToolParam(description = "same-thread, executor or completable-future") String how) {
            return github.report("listIssues", how, "/repos/acme/app/issues");
        }

        @Tool(description = "Closes an issue")
        public String closeIssue(@ToolParam(description = "same-thread, executor or completable-future") String how) {
            return github.report("closeIssue", how, "/repos/acme/app/issues/7");
        }
    }

    /** The input of the function tool. */
    public record How(String how) {}

    /** The agent's tool registered in code, as a function. */
    static ToolCallback listLabels(GitHub github) {
        Function<How, String> labels = in -> github.report("listLabels", in.how(), "/repos/acme/app/labels");
        return FunctionToolCallback.builder("listLabels", labels)
                .description("Lists the labels of the repository").inputType(How.class).build();
    }

    /** Calls the GitHub stand-in the way the model asked: on the tool's thread or handed to another. */
    static final class GitHub {
        private final String api;
        private final String handle;
        private final ExecutorService pool;

        GitHub(String api, String handle, ExecutorService pool) {
            this.api = api;
            this.handle = handle;
            this.pool = pool;
        }

        String report(String tool, String how, String path) {
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
        String openAiHandle = args[2];
        String openAiKey = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).trim();
        ExecutorService pool = Executors.newFixedThreadPool(1);
        pool.submit(() -> { }).get(); // the pool's thread exists before any tool runs
        GitHub github = new GitHub(args[0], args[1], pool);
        ToolCallback listLabels = listLabels(github);
        List<String[][]> turns = new java.util.ArrayList<>();
        for (String how : List.of("same-thread", "executor", "completable-future")) {
            String arguments = "{\"how\":\"" + how + "\"}";
            turns.add(new String[][] {{"listIssues", arguments}, {"closeIssue", arguments}, {"listLabels", arguments}});
        }
        try (ScriptedOpenAi llm = new ScriptedOpenAi(turns, openAiKey, Integer.parseInt(args[3]))) {
            OpenAiApi api = OpenAiApi.builder().baseUrl(llm.baseUrl().replaceFirst("/v1$", ""))
                    .apiKey(openAiHandle).build();
            OpenAiChatModel model = OpenAiChatModel.builder().openAiApi(api)
                    .defaultOptions(OpenAiChatOptions.builder().model("gpt-4o-mini").build()).build();
            String answer = ChatClient.create(model).prompt().user("Triage the issues")
                    .tools(new IssueTools(github)).toolCallbacks(listLabels).call().content();
            System.out.println("ANSWER " + answer);
            System.out.println("LLM requests " + llm.requests.get() + ", with the real key " + llm.requestsWithKey.get());
        }
        pool.shutdown();
    }
}
