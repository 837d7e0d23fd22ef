package io.egressguard.core.instrumentation.springai;

import io.egressguard.bootstrap.ToolContext;
import io.egressguard.core.instrument.GuardKey;
import net.bytebuddy.asm.Advice;
import org.springframework.ai.tool.ToolCallback;

/**
 * Woven into a Spring AI tool callback's {@code call}: the tool, by the name its definition gives the
 * model (the {@code @Tool} name, by default the method's; the function's name), is the running tool
 * until the call returns.
 */
public final class ToolCallbackAdvice {

    private ToolCallbackAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@GuardKey long key, @Advice.This ToolCallback callback) {
        return ToolContext.enter(key, callback.getToolDefinition().name());
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token) {
        ToolContext.exit(token);
    }
}
