package io.egressguard.core.instrumentation.log4j2;

import io.egressguard.bootstrap.SinkStreams;
import java.io.OutputStream;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code OutputStreamManager.getOutputStream()}: the manager's stream becomes a redacting
 * one, kept in its field so that {@code flush} and {@code close} reach what the stream holds back.
 */
public final class GetOutputStreamAdvice {

    private GetOutputStreamAdvice() {}

    @Advice.OnMethodExit
    public static void exit(@Advice.This Object manager,
            @Advice.FieldValue(value = "outputStream", readOnly = false) OutputStream field,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) OutputStream returned) {
        if (returned != null && returned == field) {
            OutputStream redacting = SinkStreams.log4jManagerStream(manager, returned);
            if (redacting != returned) {
                field = redacting;
                returned = redacting;
            }
        }
    }
}
