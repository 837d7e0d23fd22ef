package io.egressguard.demo.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.egressguard.demo.DemoSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A local stand-in for the OpenAI API: {@code POST /v1/chat/completions} in the real Chat Completions
 * wire format (messages in; choices[].message with content or tool_calls out), so that the real OpenAI
 * Java SDK talks to it unchanged. It accepts only the real OpenAI key, which only the guard can add,
 * and plays a {@link ModelScript}: first the triage agent's {@link ConversationScript}, then whatever
 * {@link #play} sets for the next agent. Each request body, which is everything the model sees, is
 * appended to {@code openai-requests.jsonl}.
 */
public final class OpenAiStandIn extends StandIn {

    /** One turn of the model: what it was shown since its last turn, and what it answered. */
    public record Exchange(int step, List<String> newToolResults, ConversationScript.Turn answer) {}

    private final ObjectMapper json = new ObjectMapper();
    private volatile ModelScript script = new ConversationScript();
    /** The demo step of the script's first turn: the agents' steps are numbered across the whole demo. */
    private volatile int firstStep = 1;
    private final Path requestsFile;
    private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());

    public OpenAiStandIn(String bindAddress, Timeline timeline, Path dir) throws IOException {
        super("openai", bindAddress, timeline, dir.resolve("openai.log"));
        this.requestsFile = dir.resolve("openai-requests.jsonl");
        Files.write(requestsFile, new byte[0]);
    }

    /** The base URL the SDK is given, {@code http://ADDRESS:PORT/v1}. */
    public String apiUrl() {
        return baseUrl() + "/v1";
    }

    /**
     * Plays {@code next} from now on, for an agent that starts a new conversation, numbering its turns
     * from {@code firstStep}. Called between two agents' runs, never while one runs.
     */
    public void play(ModelScript next, int firstStep) {
        this.script = next;
        this.firstStep = firstStep;
    }

    public Path requestsFile() {
        return requestsFile;
    }

    public List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    @Override
    protected String acceptedAuthorization() {
        return "Bearer " + DemoSecrets.OPENAI_KEY;
    }

    @Override
    protected String credentialName() {
        return "OpenAI key";
    }

    @Override
    protected Response handle(Request request, boolean authorized) throws IOException {
        if (!request.method().equals("POST") || !request.path().equals("/v1/chat/completions")) {
            return Response.json(404, error("Unknown request URL: " + request.method() + " " + request.path(),
                    "invalid_request_error", "unknown_url"), "no such endpoint");
        }
        if (!authorized) {
            return Response.json(401, error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
                    "refused: invalid API key");
        }
        Files.writeString(requestsFile, request.body().replace("\n", " ") + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        JsonNode body = json.readTree(request.body());
        int turn = 0;
        List<String> toolResults = new ArrayList<>();
        List<String> sinceLastTurn = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            String role = m.path("role").asText();
            if (role.equals("assistant")) {
                turn++;
                sinceLastTurn.clear();
            } else if (role.equals("tool")) {
                String content = text(m.path("content"));
                toolResults.add(content);
                sinceLastTurn.add(content);
            }
        }
        ConversationScript.Turn answer = script.next(turn, toolResults);
        int step = firstStep + turn;
        timeline().startStep(step);
        exchanges.add(new Exchange(step, List.copyOf(sinceLastTurn), answer));
        return Response.json(200, completion(body.path("model").asText("gpt-5-mini"), step, answer),
                "answered with " + (answer.isToolCall() ? "a call of " + answer.toolName() : "the final answer"));
    }

    /** A chat.completion object as the API returns it. */
    private String completion(String model, int step, ConversationScript.Turn answer) throws IOException {
        ObjectNode c = json.createObjectNode();
        c.put("id", "chatcmpl-demo" + step);
        c.put("object", "chat.completion");
        c.put("created", System.currentTimeMillis() / 1000);
        c.put("model", model);
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.putNull("refusal");
        if (answer.isToolCall()) {
            message.putNull("content");
            ObjectNode call = message.putArray("tool_calls").addObject();
            call.put("id", "call_demo" + step);
            call.put("type", "function");
            call.putObject("function").put("name", answer.toolName()).put("arguments", answer.arguments());
            choice.put("finish_reason", "tool_calls");
        } else {
            message.put("content", answer.answer());
            choice.put("finish_reason", "stop");
        }
        choice.putNull("logprobs");
        ObjectNode usage = c.putObject("usage");
        usage.put("prompt_tokens", 100 * step);
        usage.put("completion_tokens", 20);
        usage.put("total_tokens", 100 * step + 20);
        return json.writeValueAsString(c);
    }

    private String error(String message, String type, String code) throws IOException {
        ObjectNode e = json.createObjectNode();
        ObjectNode err = e.putObject("error");
        err.put("message", message);
        err.put("type", type);
        err.putNull("param");
        err.put("code", code);
        return json.writeValueAsString(e);
    }

    /** A message's content: a string, or an array of text parts. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            sb.append(part.path("text").asText());
        }
        return sb.toString();
    }
}
