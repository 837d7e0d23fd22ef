package io.egressguard.core.instrumentation.otel;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Woven into {@code SdkSpan.toSpanData()}: what processors and exporters get is redacted. */
public final class ToSpanDataAdvice {

    private ToSpanDataAdvice() {}

    @Advice.OnMethodExit
    public static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object data) {
        data = RedactedTelemetry.spanData(data);
    }
}
