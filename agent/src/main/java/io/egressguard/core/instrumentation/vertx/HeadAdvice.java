package io.egressguard.core.instrumentation.vertx;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Woven into the {@code HttpRequestHead} constructor: the head of a decided hop gets the guard's copy of the headers. */
public final class HeadAdvice {

    private HeadAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 2, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object headers) {
        headers = VertxGuard.headHeaders(headers);
    }
}
