package io.egressguard.core.instrumentation.apachehttp4;

import io.egressguard.core.instrument.GuardKey;
import java.io.IOException;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpRequest;
import org.apache.http.protocol.HttpContext;

/** Woven into {@code org.apache.http.protocol.HttpRequestExecutor.doSendRequest}. */
public final class SendRequestAdvice {

    private SendRequestAdvice() {}

    @Advice.OnMethodEnter
    public static Object enter(@GuardKey long key, @Advice.Argument(0) HttpRequest request,
            @Advice.Argument(2) HttpContext context) throws IOException {
        return ApacheHttp4Hop.before(key, request, context);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object restore, @Advice.Argument(0) HttpRequest request) {
        ApacheHttp4Hop.after(request, restore);
    }
}
