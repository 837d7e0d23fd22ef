package io.egressguard.core.instrumentation.langchain4j;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;

/**
 * LangChain4j 1.x tools. Two places run a tool call, and both are entry points:
 * {@code ToolService.executeWithErrorHandling}, through which AI services run every tool executor
 * (methods annotated {@code @Tool}, programmatic executors, MCP tools), and {@code DefaultToolExecutor},
 * the executor of an {@code @Tool} method, for applications that drive their own loop with it.
 */
public final class LangChain4jToolsInstrumentation implements Instrumentation {

    private static final String REQUEST = "dev.langchain4j.agent.tool.ToolExecutionRequest";

    @Override
    public String name() {
        return "langchain4j-tools";
    }

    @Override
    public String startupGroup() {
        return "tools";
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(TypeAdvice.of("dev.langchain4j.service.tool.DefaultToolExecutor").advise(
                isPublic().and(namedOneOf("execute", "executeWithContext")).and(takesArgument(0, named(REQUEST))),
                ToolExecutionAdvice.class, "method execute(ToolExecutionRequest, Object)"));
    }

    /** The AI services' tool loop; separate, so that a version without it still has its tools recognised. */
    public static final class ToolService implements Instrumentation {
        @Override
        public String name() {
            return "langchain4j-tool-service";
        }

        @Override
        public String startupGroup() {
            return "tools";
        }

        @Override
        public List<TypeAdvice> types() {
            return List.of(TypeAdvice.of("dev.langchain4j.service.tool.ToolService").advise(
                    isPublic().and(named("executeWithErrorHandling")).and(takesArgument(0, named(REQUEST))),
                    ToolExecutionAdvice.class, "method executeWithErrorHandling(ToolExecutionRequest, ...)"));
        }
    }
}
