package io.egressguard.core.instrumentation.urlconnection;

import io.egressguard.bootstrap.JdkBridge;
import io.egressguard.core.instrument.GuardKey;
import java.io.IOException;
import java.net.URL;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Woven into {@code sun.net.www.http.HttpClient.writeRequests(MessageHeader, PosterOutputStream)}. */
public final class WriteRequestsAdvice {

    private WriteRequestsAdvice() {}

    @Advice.OnMethodEnter
    public static Object enter(@GuardKey long key, @Advice.This Object client, @Advice.FieldValue("url") URL url,
            @Advice.Argument(0) Object headers,
            @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object poster)
            throws IOException {
        Object[] decided = JdkBridge.urlConnectionBeforeWrite(key, client, url, headers, poster);
        if (decided == null) {
            return null;
        }
        if (decided[1] != null) {
            poster = decided[1]; // a body cleaned of secrets (a prompt to an LLM API)
        }
        return decided[0];
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object restore, @Advice.Argument(0) Object headers) {
        JdkBridge.urlConnectionAfterWrite(headers, restore);
    }
}
