package io.egressguard.core.instrumentation.jdkhttp;

import io.egressguard.bootstrap.JdkBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Woven into the constructor of {@code jdk.internal.net.http.Stream}: the body of one HTTP/2 hop. */
public final class Http2StreamAdvice {

    private Http2StreamAdvice() {}

    @Advice.OnMethodExit
    public static void exit(@Advice.FieldValue(value = "request", typing = Assigner.Typing.DYNAMIC) Object request,
            @Advice.FieldValue(value = "requestPublisher", readOnly = false, typing = Assigner.Typing.DYNAMIC)
                    Object publisher) {
        if (request != null) {
            publisher = JdkBridge.httpClientHttp2Body(request, publisher);
        }
    }
}
