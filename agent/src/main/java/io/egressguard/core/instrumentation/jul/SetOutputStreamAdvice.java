package io.egressguard.core.instrumentation.jul;

import io.egressguard.bootstrap.Redaction;
import java.io.OutputStream;
import net.bytebuddy.asm.Advice;

/** Woven into {@code StreamHandler.setOutputStream}: the handler writes through a redacting stream. */
public final class SetOutputStreamAdvice {

    private SetOutputStreamAdvice() {}

    @Advice.OnMethodEnter
    public static void enter(@Advice.Argument(value = 0, readOnly = false) OutputStream out) {
        out = Redaction.redacting(Redaction.Sink.LOG, out); // null stays null; never throws
    }
}
