package io.egressguard.it.apps.tools;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;

/**
 * The tools of {@link SpringAiAgentApp} run by Spring AI's own tool calling manager for model answers
 * that ask for them, without a chat model: only spring-ai-model, so the same application runs on
 * Spring AI 1.x and 2.x (whose OpenAI modules differ). Written against the API both share, in the
 * forms that link on both. Arguments: GitHub stand-in URL, GitHub handle.
 */
public final class SpringAiToolLoopApp {

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        pool.submit(() -> { }).get(); // the pool's thread exists before any tool runs
        SpringAiAgentApp.GitHub github = new SpringAiAgentApp.GitHub(args[0], args[1], pool);
        ToolCallback[] methods = ToolCallbacks.from(new SpringAiAgentApp.IssueTools(github));
        ToolCallback[] tools = java.util.Arrays.copyOf(methods, methods.length + 1);
        tools[methods.length] = SpringAiAgentApp.listLabels(github);
        // ChatOptions.Builder#build: the one build() both versions declare with the same descriptor
        ChatOptions options = ((ChatOptions.Builder) ToolCallingChatOptions.builder().toolCallbacks(tools)).build();
        ToolCallingManager manager = ToolCallingManager.builder().build();
        int id = 0;
        for (String how : List.of("same-thread", "executor", "completable-future")) {
            String arguments = "{\"how\":\"" + how + "\"}";
            AssistantMessage asks = AssistantMessage.builder().toolCalls(List.of(
                    new AssistantMessage.ToolCall("call_" + ++id, "function", "listIssues", arguments),
                    new AssistantMessage.ToolCall("call_" + ++id, "function", "closeIssue", arguments),
                    new AssistantMessage.ToolCall("call_" + ++id, "function", "listLabels", arguments))).build();
            manager.executeToolCalls(new Prompt(new UserMessage("Triage the issues"), options),
                    new ChatResponse(List.of(new Generation(asks))));
        }
        System.out.println("DONE");
        pool.shutdown();
    }
}
