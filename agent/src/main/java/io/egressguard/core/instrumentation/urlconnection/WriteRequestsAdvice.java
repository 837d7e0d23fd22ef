package io.egressguard.core.instrumentation.urlconnection;

import io.egressguard.bootstrap.JdkBridge;
import io.egressguard.core.instrument.GuardKey;
import java.io.IOException;
import java.net.URL;
import net.bytebuddy.asm.Advice;

/** Woven into {@code sun.net.www.http.HttpClient.writeRequests(MessageHeader, PosterOutputStream)}. */
public final class WriteRequestsAdvice {

    private WriteRequestsAdvice() {}

    @Advice.OnMethodEnter
    public static Object enter(@GuardKey long key, @Advice.FieldValue("url") URL url,
            @Advice.Argument(0) Object headers, @Advice.Argument(1) Object poster) throws IOException {
        return JdkBridge.urlConnectionBeforeWrite(key, url, headers, poster);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object restore, @Advice.Argument(0) Object headers) {
        JdkBridge.urlConnectionAfterWrite(headers, restore);
    }
}
