package io.egressguard.core.instrumentation.jdkhttp;

import io.egressguard.bootstrap.JdkBridge;
import io.egressguard.core.instrument.GuardKey;
import java.io.IOException;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Woven into {@code jdk.internal.net.http.Stream.headerFrame(long)}: the headers of one HTTP/2 hop. */
public final class Http2HeadersAdvice {

    private Http2HeadersAdvice() {}

    @Advice.OnMethodExit
    public static void exit(@GuardKey long key,
            @Advice.FieldValue(value = "request", typing = Assigner.Typing.DYNAMIC) Object request,
            @Advice.FieldValue(value = "requestPublisher", typing = Assigner.Typing.DYNAMIC) Object publisher,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object frame) throws IOException {
        frame = JdkBridge.httpClientHttp2Headers(key, request, frame, publisher);
    }
}
