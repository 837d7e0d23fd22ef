package io.egressguard.core.instrumentation.mcp;

import io.egressguard.bootstrap.ToolContext;
import java.util.function.BiFunction;
import reactor.core.publisher.Mono;

/**
 * A tool handler of an MCP server, run in its tool's context: while it runs, and while the
 * {@code Mono} it returns is subscribed to (where an async handler does its work).
 */
public final class ContextToolHandler implements BiFunction<Object, Object, Object> {

    private final BiFunction<Object, Object, Object> handler;
    private final ToolContext context;

    public ContextToolHandler(BiFunction<Object, Object, Object> handler, ToolContext context) {
        this.handler = handler;
        this.context = context;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object apply(Object exchange, Object request) {
        Object token = ToolContext.resume(context);
        try {
            Object result = handler.apply(exchange, request);
            return result instanceof Mono ? new ContextMono<>((Mono) result, context) : result;
        } finally {
            ToolContext.exit(token);
        }
    }
}
