package io.egressguard.core.instrumentation.reactornetty;

import net.bytebuddy.asm.Advice;

/** Woven into {@code HttpClientOperations.onOutboundError(Throwable)}: the hop ends, the handles come back. */
public final class OutboundErrorAdvice {

    private OutboundErrorAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object operations) {
        ReactorNettyGuard.restore(operations);
    }
}
