package io.egressguard.core.instrumentation.toolcontext;

import io.egressguard.bootstrap.ToolContext;
import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;

/** Woven into executor methods whose first argument is a {@link Callable}: the task carries the tool context. */
public final class CallableArgumentAdvice {

    private CallableArgumentAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
        task = ToolContext.wrap(task);
    }
}
