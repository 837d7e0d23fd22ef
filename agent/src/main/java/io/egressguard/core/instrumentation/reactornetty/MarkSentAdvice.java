package io.egressguard.core.instrumentation.reactornetty;

import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code reactor.netty.http.HttpOperations.markSentHeaders/markSentHeaderAndBody(Object...)}:
 * makes a whole body passed along visible to the decision, and frees it when the guard refuses the hop
 * (the method itself frees it only on a {@code RuntimeException}).
 */
public final class MarkSentAdvice {

    private MarkSentAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object operations, @Advice.Argument(0) Object[] objects) {
        ReactorNettyGuard.markingSent(operations, objects);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Object[] objects, @Advice.Thrown Throwable thrown) {
        ReactorNettyGuard.markedSent();
        if (ReactorNettyGuard.isBlock(thrown)) {
            ReactorNettyGuard.release(objects);
        }
    }
}
