package io.egressguard.core.instrumentation.jdkhttp;

import io.egressguard.bootstrap.JdkBridge;
import io.egressguard.core.instrument.GuardKey;
import java.io.IOException;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Woven into the constructor of {@code jdk.internal.net.http.Http1Request}: one HTTP/1.1 hop. */
public final class Http1RequestAdvice {

    private Http1RequestAdvice() {}

    @Advice.OnMethodExit
    public static void exit(@GuardKey long key, @Advice.Argument(0) Object request,
            @Advice.FieldValue(value = "userHeaders", readOnly = false, typing = Assigner.Typing.DYNAMIC) Object headers,
            @Advice.FieldValue(value = "requestPublisher", readOnly = false, typing = Assigner.Typing.DYNAMIC)
                    Object publisher) throws IOException {
        Object[] guarded = JdkBridge.httpClientHttp1(key, request, headers, publisher);
        if (guarded != null) {
            headers = guarded[0];
            publisher = guarded[1];
        }
    }
}
