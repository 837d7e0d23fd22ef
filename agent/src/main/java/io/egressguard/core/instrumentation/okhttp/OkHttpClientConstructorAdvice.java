package io.egressguard.core.instrumentation.okhttp;

import io.egressguard.bootstrap.Guard;
import io.egressguard.core.instrument.GuardKey;
import java.util.List;
import net.bytebuddy.asm.Advice;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/** Woven into {@code OkHttpClient(Builder)}: appends the guard as the last network interceptor. */
public final class OkHttpClientConstructorAdvice {

    private OkHttpClientConstructorAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@GuardKey long key, @Advice.Argument(0) OkHttpClient.Builder builder) {
        try {
            List<Interceptor> interceptors = builder.networkInterceptors();
            for (int i = 0; i < interceptors.size(); i++) {
                if (interceptors.get(i) instanceof EgressGuardInterceptor) {
                    // newBuilder() of a guarded client: move it back to the end
                    interceptors.remove(i);
                    break;
                }
            }
            interceptors.add(new EgressGuardInterceptor(key));
        } catch (Throwable t) {
            Guard.internalError("adding the guard to an OkHttpClient", t);
        }
    }
}
