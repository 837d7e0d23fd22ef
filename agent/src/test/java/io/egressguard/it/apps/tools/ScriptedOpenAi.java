package io.egressguard.it.apps.tools;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for the OpenAI chat completions API that plays a fixed script: the first
 * answers ask for tool calls, the last one gives the final answer. It records whether each request
 * carried the real API key (compared, never printed) so that the agent can report it.
 */
public final class ScriptedOpenAi implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger turn = new AtomicInteger();
    private final List<String> script;
    private final String expectedKey;
    final AtomicInteger requestsWithKey = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();

    /** @param toolCallTurns per turn, the tool calls as (name, JSON arguments) pairs; then a final answer */
    public ScriptedOpenAi(List<String[][]> toolCallTurns, String expectedKey, int port) throws IOException {
        this.expectedKey = expectedKey;
        this.script = new java.util.ArrayList<>();
        int id = 0;
        for (String[][] calls : toolCallTurns) {
            StringBuilder sb = new StringBuilder("[");
            for (String[] call : calls) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append("{\"id\":\"call_").append(++id).append("\",\"type\":\"function\",\"function\":{\"name\":\"")
                        .append(call[0]).append("\",\"arguments\":").append(jsonString(call[1])).append("}}");
            }
            script.add(completion("null", sb.append(']').toString(), "tool_calls"));
        }
        script.add(completion("\"done\"", null, "stop"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            requests.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null && auth.equals("Bearer " + expectedKey)) {
                requestsWithKey.incrementAndGet();
            }
            int t = Math.min(turn.getAndIncrement(), script.size() - 1);
            byte[] body = script.get(t).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private static String completion(String content, String toolCalls, String finish) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + content
                + (toolCalls == null ? "" : ",\"tool_calls\":" + toolCalls) + "},\"finish_reason\":\"" + finish + "\"}],"
                + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
