package io.egressguard.core.instrumentation.jetty;

import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code HttpRequest.notifyCommit()} and {@code notifyFailure(Throwable)}: the head has left
 * (or never will), so the application's view of the headers gets its handles back before its listeners run.
 */
public final class HeadersSentAdvice {

    private HeadersSentAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object request) {
        JettyGuard.restore(request);
    }
}
