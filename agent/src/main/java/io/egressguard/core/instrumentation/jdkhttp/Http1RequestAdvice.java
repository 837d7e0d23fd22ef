package io.egressguard.core.instrumentation.jdkhttp;

import io.egressguard.bootstrap.JdkBridge;
import java.io.IOException;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Woven into the constructor of {@code jdk.internal.net.http.Http1Request}: one HTTP/1.1 hop. */
public final class Http1RequestAdvice {

    private Http1RequestAdvice() {}

    @Advice.OnMethodExit
    public static void exit(@Advice.Argument(0) Object request,
            @Advice.FieldValue(value = "userHeaders", readOnly = false, typing = Assigner.Typing.DYNAMIC) Object headers,
            @Advice.FieldValue(value = "requestPublisher", readOnly = false, typing = Assigner.Typing.DYNAMIC)
                    Object publisher) throws IOException {
        Object[] guarded = JdkBridge.httpClientHttp1(request, headers, publisher);
        if (guarded != null) {
            headers = guarded[0];
            publisher = guarded[1];
        }
    }
}
