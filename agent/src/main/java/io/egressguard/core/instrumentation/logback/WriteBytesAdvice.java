package io.egressguard.core.instrumentation.logback;

import io.egressguard.bootstrap.Redaction;
import net.bytebuddy.asm.Advice;

/** Woven into {@code OutputStreamAppender.writeBytes(byte[])}: one encoded event, redacted. */
public final class WriteBytesAdvice {

    private WriteBytesAdvice() {}

    @Advice.OnMethodEnter
    public static void enter(@Advice.Argument(value = 0, readOnly = false) byte[] event) {
        if (event != null) {
            byte[] redacted = Redaction.redact(Redaction.Sink.LOG, event, 0, event.length);
            if (redacted != null) {
                event = redacted;
            }
        }
    }
}
