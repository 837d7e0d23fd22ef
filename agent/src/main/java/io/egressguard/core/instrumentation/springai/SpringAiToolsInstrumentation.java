package io.egressguard.core.instrumentation.springai;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Spring AI 1.x and 2.x tools. A tool call ends in the {@code call} of the tool's callback, whoever
 * drives it (the tool calling manager under {@code ChatClient} and the chat models, or an
 * application's own loop): {@code MethodToolCallback} for {@code @Tool} methods and
 * {@code FunctionToolCallback} for functions registered in code. Both name the tool by its definition.
 * Other {@code ToolCallback} implementations (an application's own, Spring AI's MCP callbacks, whose
 * client calls the MCP instrumentation already sees) are not recognised here; the rule file's
 * {@code entry-points} can name them.
 */
public final class SpringAiToolsInstrumentation implements Instrumentation {

    /** {@code call(String)} and {@code call(String, ToolContext)}; the first runs the second in both. */
    private static final ElementMatcher<MethodDescription> CALL =
            isPublic().and(named("call")).and(takesArgument(0, String.class));

    @Override
    public String name() {
        return "spring-ai-tools";
    }

    @Override
    public String startupGroup() {
        return "tools";
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(
                TypeAdvice.of("org.springframework.ai.tool.method.MethodToolCallback").advise(
                        CALL, ToolCallbackAdvice.class, "method call(String[, ToolContext])"),
                TypeAdvice.of("org.springframework.ai.tool.function.FunctionToolCallback").advise(
                        CALL, ToolCallbackAdvice.class, "method call(String[, ToolContext])"));
    }
}
