package io.egressguard.core.instrumentation.mcp;

import io.egressguard.bootstrap.ToolContext;
import io.egressguard.core.instrument.GuardKey;
import java.util.function.BiFunction;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into the accessor through which an MCP server reaches a tool's handler: the handler it gets
 * runs as a tool context named after the tool, also where its result is subscribed to later.
 */
public final class ToolHandlerAdvice {

    private ToolHandlerAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@GuardKey long key, @Advice.FieldValue("tool") Object tool,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) BiFunction<Object, Object, Object> handler) {
        if (handler != null && tool != null && !(handler instanceof ContextToolHandler)) {
            ToolContext context = ToolContext.prepare(key, McpNames.name(tool));
            if (context != null) {
                handler = new ContextToolHandler(handler, context);
            }
        }
    }
}
