package io.egressguard.core.instrumentation.otel;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Woven into {@code SdkReadWriteLogRecord.toLogRecordData()}: what exporters get is redacted. */
public final class ToLogRecordDataAdvice {

    private ToLogRecordDataAdvice() {}

    @Advice.OnMethodExit
    public static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object data) {
        data = RedactedTelemetry.logRecordData(data);
    }
}
