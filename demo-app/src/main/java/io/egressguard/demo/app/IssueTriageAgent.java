package io.egressguard.demo.app;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An ordinary issue-triage agent on the OpenAI Java SDK: it sends the conversation and its tool
 * definitions to the model, runs the tool calls the model asks for, feeds the results back, and stops
 * at the model's final answer. Nothing in it knows about Egress Guard.
 *
 * <p>Configuration comes from the environment, as usual: OPENAI_API_KEY and OPENAI_BASE_URL (read by
 * the SDK itself), GITHUB_TOKEN and GITHUB_API_URL. Under Egress Guard, OPENAI_API_KEY and
 * GITHUB_TOKEN hold handles, so this process never holds a real credential, and printing them is
 * harmless.
 */
public final class IssueTriageAgent {

    private static final int MAX_STEPS = 8;
    /** By its id: the SDK's ChatModel constants come and go (deprecated) between releases. */
    private static final String MODEL = "gpt-5-mini";
    private static final String SYSTEM_PROMPT = "You are the triage assistant of a software team. Read the issues"
            + " with list_issues, comment on real bugs with post_comment, and use http_request for anything else."
            + " Finish with a short summary for the maintainers.";

    private IssueTriageAgent() {}

    public static void main(String[] args) throws InterruptedException {
        String openAiKey = requiredEnv("OPENAI_API_KEY");
        String githubToken = requiredEnv("GITHUB_TOKEN");
        String githubApi = requiredEnv("GITHUB_API_URL");
        Console.info("issue-triage-agent: OPENAI_API_KEY=" + openAiKey + " GITHUB_TOKEN=" + githubToken);
        Console.info("issue-triage-agent: model API " + requiredEnv("OPENAI_BASE_URL") + ", GitHub API " + githubApi);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Tools tools = new Tools(new GitHubClient(http, githubApi, githubToken),
                new HttpRequestTool(http, Map.of("GITHUB_TOKEN", githubToken)));
        OpenAIClient client = OpenAIOkHttpClient.fromEnv();

        String task = args.length > 0 ? String.join(" ", args) : "Triage the open issues of acme/widgets: read them,"
                + " comment on real bugs, and give me a summary.";
        ChatCompletionCreateParams.Builder conversation = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addSystemMessage(SYSTEM_PROMPT)
                .addUserMessage(task);
        Tools.definitions().forEach(conversation::addTool);

        int status = 1;
        try {
            status = run(client, conversation, tools);
        } catch (OpenAIException e) {
            // OpenAIIoException wraps the transport's IOException (a refused request among them);
            // OpenAIServiceException carries the API's HTTP status and error.
            // (it retries I/O failures first, so a refused request is tried up to three times)
            Console.info("issue-triage-agent: the model call failed: " + e.getClass().getSimpleName()
                    + (e.getCause() == null ? ": " + e.getMessage() : " caused by " + Console.describe(e)));
        } finally {
            client.close();
        }
        System.exit(status);
    }

    private static int run(OpenAIClient client, ChatCompletionCreateParams.Builder conversation, Tools tools)
            throws InterruptedException {
        for (int step = 1; step <= MAX_STEPS; step++) {
            ChatCompletion completion = client.chat().completions().create(conversation.build());
            ChatCompletionMessage message = completion.choices().get(0).message();
            conversation.addMessage(message);
            List<ChatCompletionMessageToolCall> calls = message.toolCalls().orElse(List.of());
            if (calls.isEmpty()) {
                Console.step(step, "answer", message.content().orElse("(no content)"));
                return 0;
            }
            for (ChatCompletionMessageToolCall call : calls) {
                ChatCompletionMessageFunctionToolCall fn = call.asFunction();
                Console.step(step, "model", "call " + fn.function().name() + " " + fn.function().arguments());
                String result = tools.run(step, fn.function().name(), fn.function().arguments());
                conversation.addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(fn.id())
                        .content(result)
                        .build());
            }
        }
        Console.info("issue-triage-agent: no final answer after " + MAX_STEPS + " steps");
        return 1;
    }

    private static String requiredEnv(String name) {
        String v = System.getenv(name);
        if (v == null || v.isEmpty()) {
            Console.info("issue-triage-agent: set " + name);
            System.exit(2);
        }
        return v;
    }
}
