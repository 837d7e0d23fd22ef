package io.egressguard.core.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;

/**
 * OkHttp 3.12 to 5.x (and so the OpenAI and Anthropic Java SDKs, which send through it).
 *
 * <p>The choke point is the network-interceptor chain: every {@code OkHttpClient} gets
 * {@link EgressGuardInterceptor} as its last network interceptor, which OkHttp calls once per hop
 * (each redirect and retry) with the final request, right before it is written to the connection.
 */
public final class OkHttpInstrumentation implements Instrumentation {

    @Override
    public String name() {
        return "okhttp";
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(TypeAdvice.of("okhttp3.OkHttpClient").advise(
                isConstructor().and(takesArguments(1)).and(takesArgument(0, named("okhttp3.OkHttpClient$Builder"))),
                OkHttpClientConstructorAdvice.class, "constructor OkHttpClient(Builder)"));
    }

    @Override
    public List<String> helperClasses() {
        // Names, not class literals: these implement OkHttp types, which the core cannot load.
        String interceptor = "io.egressguard.core.instrumentation.okhttp.EgressGuardInterceptor";
        return List.of(interceptor, interceptor + "$GuardedBody");
    }
}
