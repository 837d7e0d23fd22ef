package io.egressguard.demo.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The tools the model may call: their definitions for the API, and running them. */
final class Tools {

    private final GitHubClient github;
    private final HttpRequestTool httpRequest;
    private final ObjectMapper json = new ObjectMapper();

    Tools(GitHubClient github, HttpRequestTool httpRequest) {
        this.github = github;
        this.httpRequest = httpRequest;
    }

    static List<ChatCompletionFunctionTool> definitions() {
        return List.of(
                tool("list_issues", "List the open issues of a GitHub repository.",
                        Map.of("repo", Map.of("type", "string", "description", "owner/name, e.g. acme/widgets")),
                        List.of("repo")),
                tool("post_comment", "Comment on a GitHub issue.",
                        Map.of("repo", Map.of("type", "string", "description", "owner/name"),
                                "issue_number", Map.of("type", "integer"),
                                "body", Map.of("type", "string", "description", "the comment, in Markdown")),
                        List.of("repo", "issue_number", "body")),
                tool("http_request", "Make any other HTTP request. Write ${GITHUB_TOKEN} where the GitHub token"
                                + " goes: the tool fills it in, so you never handle credentials.",
                        Map.of("method", Map.of("type", "string", "enum", List.of("GET", "POST", "PUT", "DELETE")),
                                "url", Map.of("type", "string"),
                                "headers", Map.of("type", "object", "additionalProperties", Map.of("type", "string")),
                                "body", Map.of("type", "string")),
                        List.of("method", "url")));
    }

    private static ChatCompletionFunctionTool tool(String name, String description, Map<String, Object> properties,
            List<String> required) {
        return ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name(name)
                        .description(description)
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(properties))
                                .putAdditionalProperty("required", JsonValue.from(required))
                                .build())
                        .build())
                .build();
    }

    /**
     * Runs one tool call and returns what goes back to the model. A failed call is a result too: the
     * model is told what went wrong, and the conversation goes on.
     */
    String run(int step, String name, String arguments) throws InterruptedException {
        try {
            JsonNode args = json.readTree(arguments);
            switch (name) {
                case "list_issues":
                    return github.listIssues(step, args.path("repo").asText());
                case "post_comment":
                    return github.postComment(step, args.path("repo").asText(), args.path("issue_number").asInt(),
                            args.path("body").asText());
                case "http_request":
                    return httpRequest.run(step, args);
                default:
                    return "error: no tool named " + name;
            }
        } catch (IOException e) {
            String why = Console.describe(e);
            Console.step(step, "failed", why);
            return "error: the request failed: " + why;
        }
    }
}
