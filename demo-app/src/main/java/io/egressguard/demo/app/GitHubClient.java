package io.egressguard.demo.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The two GitHub calls the triage tools make, with {@code java.net.http.HttpClient}. It sends
 * {@code Authorization: Bearer $GITHUB_TOKEN} like any GitHub client; here GITHUB_TOKEN is a handle,
 * and the guard puts the real token in its place on the way out, only where its rule allows.
 */
final class GitHubClient {

    private final HttpClient http;
    private final String apiUrl;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();

    GitHubClient(HttpClient http, String apiUrl, String token) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.token = token;
    }

    /** GET /repos/{repo}/issues, reduced to what the model needs: number, title and body. */
    String listIssues(int step, String repo) throws IOException, InterruptedException {
        HttpRequest request = authorized(URI.create(apiUrl + "/repos/" + repo + "/issues")).GET().build();
        JsonNode issues = json.readTree(send(step, request, 200));
        ArrayNode out = json.createArrayNode();
        StringBuilder titles = new StringBuilder();
        for (JsonNode i : issues) {
            out.addObject().put("number", i.path("number").asInt()).put("title", i.path("title").asText())
                    .put("body", i.path("body").asText());
            titles.append(titles.length() == 0 ? "" : ", ").append('#').append(i.path("number").asInt()).append(' ')
                    .append('"').append(i.path("title").asText()).append('"');
        }
        Console.step(step, "result", issues.size() + " issues: " + titles);
        return out.toString();
    }

    /** POST /repos/{repo}/issues/{number}/comments. */
    String postComment(int step, String repo, int number, String body) throws IOException, InterruptedException {
        ObjectNode comment = json.createObjectNode().put("body", body);
        HttpRequest request = authorized(URI.create(apiUrl + "/repos/" + repo + "/issues/" + number + "/comments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(comment.toString())).build();
        JsonNode created = json.readTree(send(step, request, 201));
        Console.step(step, "result", "comment " + created.path("id").asText() + " created");
        return "comment created: " + created.path("html_url").asText();
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/vnd.github+json")
                .header("Authorization", "Bearer " + token);
    }

    private String send(int step, HttpRequest request, int expected) throws IOException, InterruptedException {
        Console.step(step, "call", request.method() + " " + request.uri() + "  (Authorization: Bearer " + token + ")");
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException("GitHub answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
