package io.egressguard.core.instrumentation.reactornetty;

import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code HttpClientOperations.onOutboundComplete()}: the head has been written, so the
 * application's view of the headers gets its handles back before its {@code doAfterRequest} callbacks.
 * When the hop is only sent from here (nothing was sent before) and the guard refuses it, the refusal
 * fails the exchange, as a failed write would, instead of escaping into Reactor's completion signal.
 */
public final class OutboundCompleteAdvice {

    private OutboundCompleteAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object operations) {
        ReactorNettyGuard.restore(operations);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object operations,
            @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (ReactorNettyGuard.isBlock(thrown)) {
            Throwable blocked = thrown;
            thrown = null;
            ReactorNettyGuard.fail(operations, blocked);
        }
    }
}
