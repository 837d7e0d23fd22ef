package io.egressguard.core.instrumentation.apachehttp5;

import io.egressguard.core.instrument.GuardKey;
import java.io.IOException;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;

/** Woven into httpcore5's classic {@code HttpRequestExecutor.execute}. */
public final class ClassicExecuteAdvice {

    private ClassicExecuteAdvice() {}

    @Advice.OnMethodEnter
    public static Object enter(@GuardKey long key, @Advice.Argument(0) ClassicHttpRequest request,
            @Advice.Argument(3) HttpContext context) throws IOException {
        return ApacheHttp5ClassicHop.before(key, request, context);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object restore, @Advice.Argument(0) ClassicHttpRequest request) {
        ApacheHttp5ClassicHop.after(request, restore);
    }
}
