package io.egressguard.demo.app;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The demo's second agent: a repo maintainer built on LangChain4j (an AI service over the OpenAI chat
 * model, with the two {@code @Tool} methods of {@link MaintainerTools}). LangChain4j runs the tool loop;
 * the guard recognises each {@code @Tool} call by itself, so the rule file can grant the GitHub token to
 * one tool and not to the other. Nothing in it knows about Egress Guard.
 *
 * <p>Configuration from the environment, as for the triage agent: OPENAI_API_KEY, OPENAI_BASE_URL,
 * GITHUB_TOKEN, GITHUB_API_URL; under Egress Guard the key and the token are handles.
 */
public final class RepoMaintainerAgent {

    /** By its id, as in the triage agent. */
    private static final String MODEL = "gpt-5-mini";

    interface Maintainer {
        @SystemMessage("You maintain a GitHub repository. Use listIssues to see the open issues and closeIssue to"
                + " close those that are not actionable. Finish with a one-line report.")
        String work(String task);
    }

    private RepoMaintainerAgent() {}

    public static void main(String[] args) {
        String openAiKey = requiredEnv("OPENAI_API_KEY");
        String githubToken = requiredEnv("GITHUB_TOKEN");
        String githubApi = requiredEnv("GITHUB_API_URL");
        String modelApi = requiredEnv("OPENAI_BASE_URL");
        Console.info("repo-maintainer: OPENAI_API_KEY=" + openAiKey + " GITHUB_TOKEN=" + githubToken);
        Console.info("repo-maintainer: LangChain4j AI service, model API " + modelApi + ", GitHub API " + githubApi);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(modelApi).apiKey(openAiKey).modelName(MODEL)
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
        Maintainer maintainer = AiServices.builder(Maintainer.class).chatModel(model)
                .tools(new MaintainerTools(http, githubApi, githubToken)).build();
        String task = args.length > 0 ? String.join(" ", args)
                : "Tidy up acme/widgets: list the open issues and close the one that is not a real issue.";
        try {
            Console.info("[answer] " + maintainer.work(task));
            System.exit(0);
        } catch (RuntimeException e) {
            // LangChain4j's own exceptions (a refused model call among them) are unchecked
            Console.info("repo-maintainer: the model call failed: " + Console.describe(e));
            System.exit(1);
        }
    }

    private static String requiredEnv(String name) {
        String v = System.getenv(name);
        if (v == null || v.isEmpty()) {
            Console.info("repo-maintainer: set " + name);
            System.exit(2);
        }
        return v;
    }
}
