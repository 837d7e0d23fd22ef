package io.egressguard.demo.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The repo maintainer's two tools, plain LangChain4j {@code @Tool} methods. Both call the same GitHub
 * API with the same token (a handle here); which of them gets the real token is up to the rule file,
 * which names the tool. Nothing here knows about Egress Guard: a refused request is an IOException
 * like any other, and the model is told what went wrong.
 */
public final class MaintainerTools {

    private final HttpClient http;
    private final String apiUrl;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();

    MaintainerTools(HttpClient http, String apiUrl, String token) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.token = token;
    }

    @Tool("Lists the open issues of a GitHub repository: number, title and state")
    public String listIssues(@P(name = "repo", value = "owner/name, e.g. acme/widgets") String repo) {
        try {
            JsonNode issues = json.readTree(send("listIssues", get("/repos/" + repo + "/issues")));
            StringBuilder out = new StringBuilder();
            for (JsonNode i : issues) {
                out.append(out.length() == 0 ? "" : "; ").append('#').append(i.path("number").asInt()).append(' ')
                        .append(i.path("title").asText()).append(" (").append(i.path("state").asText()).append(')');
            }
            Console.tool("listIssues", "result", issues.size() + " issues: " + out);
            return out.toString();
        } catch (IOException | InterruptedException e) {
            return failed("listIssues", e);
        }
    }

    @Tool("Closes a GitHub issue as not planned")
    public String closeIssue(@P(name = "repo", value = "owner/name") String repo,
            @P(name = "number", value = "the issue number") int number) {
        String path = "/repos/" + repo + "/issues/" + number;
        try {
            // read it first, as careful tools do: an issue closed meanwhile is left alone
            JsonNode issue = json.readTree(send("closeIssue", get(path)));
            if (!issue.path("state").asText().equals("open")) {
                return "#" + number + " is already " + issue.path("state").asText();
            }
            String body = json.createObjectNode().put("state", "closed").put("state_reason", "not_planned").toString();
            JsonNode closed = json.readTree(send("closeIssue", authorized(path).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build()));
            Console.tool("closeIssue", "result", "#" + number + " is now " + closed.path("state").asText());
            return "#" + number + " closed";
        } catch (IOException | InterruptedException e) {
            return failed("closeIssue", e);
        }
    }

    private HttpRequest get(String path) {
        return authorized(path).GET().build();
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(apiUrl + path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/vnd.github+json")
                .header("Authorization", "Bearer " + token);
    }

    private String send(String tool, HttpRequest request) throws IOException, InterruptedException {
        Console.tool(tool, "call", request.method() + " " + request.uri() + "  (Authorization: Bearer " + token + ")");
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GitHub answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String failed(String tool, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String why = Console.describe(e);
        Console.tool(tool, "failed", why);
        return "error: the request failed: " + why;
    }
}
