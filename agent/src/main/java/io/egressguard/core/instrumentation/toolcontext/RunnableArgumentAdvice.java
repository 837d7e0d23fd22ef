package io.egressguard.core.instrumentation.toolcontext;

import io.egressguard.bootstrap.ToolContext;
import net.bytebuddy.asm.Advice;

/** Woven into executor methods whose first argument is a {@link Runnable}: the task carries the tool context. */
public final class RunnableArgumentAdvice {

    private RunnableArgumentAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
        task = ToolContext.wrap(task);
    }
}
