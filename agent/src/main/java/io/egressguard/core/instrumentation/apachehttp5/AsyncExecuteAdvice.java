package io.egressguard.core.instrumentation.apachehttp5;

import io.egressguard.core.instrument.GuardKey;
import java.io.IOException;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/** Woven into {@code HttpAsyncMainClientExec.execute} and {@code H2AsyncMainClientExec.execute}. */
public final class AsyncExecuteAdvice {

    private AsyncExecuteAdvice() {}

    @Advice.OnMethodEnter
    public static Object enter(@GuardKey long key, @Advice.Argument(0) HttpRequest request,
            @Advice.Argument(value = 1, readOnly = false) AsyncEntityProducer producer,
            @Advice.Argument(2) AsyncExecChain.Scope scope,
            @Advice.Argument(value = 4, readOnly = false) AsyncExecCallback callback) throws IOException {
        ApacheHttp5AsyncHop hop = ApacheHttp5AsyncHop.before(key, request, producer, scope, callback);
        if (hop != null) {
            producer = hop.producer();
            callback = hop; // puts the request back once its head is on the wire
        }
        return hop;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object hop, @Advice.Thrown Throwable thrown) {
        if (thrown != null && hop instanceof ApacheHttp5AsyncHop) {
            ((ApacheHttp5AsyncHop) hop).restore();
        }
    }
}
