package io.egressguard.core.instrumentation.toolcontext;

import io.egressguard.bootstrap.ToolContext;
import io.egressguard.core.instrument.GuardKey;
import net.bytebuddy.asm.Advice;

/** Woven into a method the rule file names as a tool entry point: the tool runs while the method does. */
public final class EntryPointAdvice {

    private EntryPointAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@GuardKey long key, @Advice.Origin("#t") String type, @Advice.Origin("#m") String method) {
        return ToolContext.enterEntryPoint(key, type, method);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token) {
        ToolContext.exit(token);
    }
}
