package io.egressguard.demo.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A general HTTP tool, as many agents have one. So that the model can authenticate without ever
 * seeing a credential, it may write {@code ${GITHUB_TOKEN}} in a header or the body and the tool fills
 * in the environment variable ("credentials by reference"). That keeps tokens out of the prompt, but
 * nothing here stops a prompt-injected model from referencing the credential in a request to the wrong
 * host, or in a body: that is what Egress Guard is for. The URL is never expanded.
 */
final class HttpRequestTool {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    private final HttpClient http;
    private final Map<String, String> credentials;

    /** @param credentials the environment variables that may be referenced, name to value (handles here) */
    HttpRequestTool(HttpClient http, Map<String, String> credentials) {
        this.http = http;
        this.credentials = credentials;
    }

    String run(int step, JsonNode args) throws IOException, InterruptedException {
        String method = args.path("method").asText("GET").toUpperCase(java.util.Locale.ROOT);
        URI uri = URI.create(args.path("url").asText());
        String body = args.hasNonNull("body") ? expand(args.path("body").asText()) : null;
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        StringBuilder shown = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = args.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            String value = expand(h.getValue().asText());
            b.header(h.getKey(), value);
            shown.append(shown.length() == 0 ? "" : ", ").append(h.getKey()).append(": ").append(value);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        Console.step(step, "call", method + " " + uri + (shown.length() == 0 ? "" : "  (" + shown + ")")
                + (body == null ? "" : "  body: " + body));
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Console.step(step, "result", "HTTP " + response.statusCode());
        return "HTTP " + response.statusCode() + "\n" + response.body();
    }

    /** Fills in ${NAME} references to the credentials this tool knows; leaves anything else as it is. */
    private String expand(String text) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = credentials.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
