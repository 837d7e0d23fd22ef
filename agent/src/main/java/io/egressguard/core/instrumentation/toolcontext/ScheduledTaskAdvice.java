package io.egressguard.core.instrumentation.toolcontext;

import io.egressguard.bootstrap.ToolContext;
import net.bytebuddy.asm.Advice;

/** Woven into Reactor's {@code Schedulers.onSchedule}: the task a scheduler is handed carries the tool context. */
public final class ScheduledTaskAdvice {

    private ScheduledTaskAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return(readOnly = false) Runnable task) {
        task = ToolContext.wrap(task);
    }
}
