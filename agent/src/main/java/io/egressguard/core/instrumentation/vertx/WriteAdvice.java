package io.egressguard.core.instrumentation.vertx;

import io.egressguard.core.instrument.GuardKey;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code HttpClientRequestImpl.doWrite(..)}: decides the hop before its head is built. A
 * refused hop is not written at all: the request fails with the refusal (its response future and its
 * write future), as a failed write would fail it.
 */
public final class WriteAdvice {

    private WriteAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    public static Object enter(@GuardKey long key, @Advice.This Object request,
            @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object buffer,
            @Advice.Argument(1) boolean end) {
        Object[] decided = VertxGuard.beforeWrite(key, request, buffer, end);
        if (decided == null) {
            return null;
        }
        buffer = decided[0];
        return decided[1];
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object request, @Advice.Enter Object refusal,
            @Advice.AllArguments Object[] arguments,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
        VertxGuard.afterWrite();
        if (refusal != null) {
            returned = VertxGuard.refuse(request, refusal, arguments);
        }
    }
}
