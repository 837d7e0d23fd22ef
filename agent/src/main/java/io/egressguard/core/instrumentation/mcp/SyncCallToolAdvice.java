package io.egressguard.core.instrumentation.mcp;

import io.egressguard.bootstrap.EgressBlockedException;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code McpSyncClient.callTool}: Reactor's {@code block()} wraps a refusal (a checked
 * exception) in its own runtime exception; the caller gets the refusal itself, which names the
 * server, the tool, the identity and the rule.
 */
public final class SyncCallToolAdvice {

    private SyncCallToolAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Thrown(readOnly = false) Throwable thrown) {
        if (thrown != null && !(thrown instanceof EgressBlockedException)
                && thrown.getCause() instanceof EgressBlockedException) {
            thrown = thrown.getCause();
        }
    }
}
