package io.egressguard.core.instrumentation.reactornetty;

import io.egressguard.core.instrument.GuardKey;
import java.io.IOException;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code HttpClientOperations.beforeMarkSentHeaders()}, which runs once per hop right before
 * its head is written, after Reactor Netty's redirect clean-up and the application's redirect callbacks.
 * A refusal propagates from here as the error of the write, and so of the request.
 */
public final class DecideAdvice {

    private DecideAdvice() {}

    @Advice.OnMethodExit
    public static void exit(@GuardKey long key, @Advice.This Object operations) throws IOException {
        ReactorNettyGuard.decide(key, operations);
    }
}
