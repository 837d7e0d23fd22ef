package io.egressguard.core.instrumentation.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import io.egressguard.bootstrap.ToolContext;
import io.egressguard.core.instrument.GuardKey;
import net.bytebuddy.asm.Advice;

/**
 * Woven where LangChain4j runs one tool call: the tool the model asked for, by the name the model
 * used (the {@code @Tool} name, by default the method's), is the running tool until the call returns.
 */
public final class ToolExecutionAdvice {

    private ToolExecutionAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@GuardKey long key, @Advice.Argument(0) ToolExecutionRequest request) {
        return request == null ? null : ToolContext.enter(key, request.name());
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token) {
        ToolContext.exit(token);
    }
}
