package io.egressguard.core.instrumentation.reactornetty;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.reactivestreams.Publisher;

/** Woven into {@code HttpClientOperations.send(Publisher)}: a body streamed after the head is checked as it flows. */
public final class StreamedBodyAdvice {

    private StreamedBodyAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object operations,
            @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Publisher<?> source) {
        source = ReactorNettyGuard.streamedBody(operations, source);
    }
}
