package io.egressguard.core.instrumentation.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;

/**
 * {@code java.net.http.HttpClient}: {@code send} and {@code sendAsync}, HTTP/1.1 and HTTP/2.
 *
 * <p>The client builds one exchange per hop (every redirect and retry it performs). The choke points
 * are where that exchange turns the request into wire form: for HTTP/1.1 the constructor of
 * {@code Http1Request}, which copies the user headers and body publisher it will write; for HTTP/2
 * the headers frame built by {@code Stream.headerFrame} and the body publisher the {@code Stream}
 * keeps. The {@code HttpRequest} the application holds is never changed.
 */
public final class JdkHttpClientInstrumentation implements Instrumentation {

    @Override
    public String name() {
        return "jdk-httpclient";
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(
                TypeAdvice.of("jdk.internal.net.http.Http1Request").advise(
                        isConstructor().and(takesArguments(2)), Http1RequestAdvice.class,
                        "constructor Http1Request(HttpRequestImpl, Http1Exchange)"),
                TypeAdvice.of("jdk.internal.net.http.Stream")
                        .advise(isConstructor().and(takesArguments(3)), Http2StreamAdvice.class,
                                "constructor Stream(Http2Connection, Exchange, WindowController)")
                        .advise(named("headerFrame").and(takesArguments(1)), Http2HeadersAdvice.class,
                                "method headerFrame(long)"));
    }
}
