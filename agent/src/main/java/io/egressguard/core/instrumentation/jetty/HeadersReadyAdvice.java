package io.egressguard.core.instrumentation.jetty;

import io.egressguard.core.instrument.GuardKey;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code HttpRequest.notifyHeaders()}: the head of the hop is final, nothing of it has been
 * encoded yet. A refusal aborts the request from here, as an application listener may, and Jetty then
 * fails the exchange through its own abort path.
 */
public final class HeadersReadyAdvice {

    private HeadersReadyAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@GuardKey long key, @Advice.This Object request) {
        JettyGuard.decide(key, request);
    }
}
