package io.egressguard.core.instrumentation.reactornetty;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Woven into {@code HttpClientOperations.newFullBodyMessage(..)}: the copy of the head that will be written. */
public final class FullMessageAdvice {

    private FullMessageAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object operations,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object message) {
        message = ReactorNettyGuard.fullMessage(operations, message);
    }
}
