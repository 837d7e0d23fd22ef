package io.egressguard.core.instrumentation.mcp;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;

/**
 * The MCP Java SDK ({@code io.modelcontextprotocol.sdk}, 1.x and 2.x). Servers: the handler of each
 * tool specification, sync or async, stateful or stateless, runs as a tool context named after the
 * tool (sync specifications become async ones, so the async accessor covers both). Clients: each
 * {@code callTool} is decided by the rule file's {@code mcp} section before the call leaves, and runs
 * as the called tool, acting as the caller's identity.
 */
public final class McpInstrumentation implements Instrumentation {

    private static final String CALL_TOOL_REQUEST = "io.modelcontextprotocol.spec.McpSchema$CallToolRequest";

    @Override
    public String name() {
        return "mcp-tools";
    }

    @Override
    public String startupGroup() {
        return "tools";
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(
                TypeAdvice.of("io.modelcontextprotocol.server.McpServerFeatures$AsyncToolSpecification").advise(
                        named("callHandler").and(takesArguments(0)), ToolHandlerAdvice.class, "method callHandler()"),
                TypeAdvice.of("io.modelcontextprotocol.server.McpStatelessServerFeatures$AsyncToolSpecification").advise(
                        named("callHandler").and(takesArguments(0)), ToolHandlerAdvice.class, "method callHandler()"),
                TypeAdvice.of("io.modelcontextprotocol.client.McpAsyncClient").advise(
                        isPublic().and(named("callTool")).and(takesArguments(1)).and(takesArgument(0, named(CALL_TOOL_REQUEST)))
                                .and(returns(named("reactor.core.publisher.Mono"))),
                        AsyncCallToolAdvice.class, "method callTool(CallToolRequest)"),
                TypeAdvice.of("io.modelcontextprotocol.client.McpSyncClient").advise(
                        isPublic().and(named("callTool")).and(takesArguments(1)).and(takesArgument(0, named(CALL_TOOL_REQUEST))),
                        SyncCallToolAdvice.class, "method callTool(CallToolRequest)"));
    }

    @Override
    public List<String> helperClasses() {
        String p = McpInstrumentation.class.getPackage().getName() + ".";
        return List.of(p + "McpNames", p + "McpNames$1", p + "ContextMono", p + "ContextToolHandler", p + "McpClientCalls", p + "McpClientCalls$Address", p + "McpClientCalls$Address$1");
    }
}
