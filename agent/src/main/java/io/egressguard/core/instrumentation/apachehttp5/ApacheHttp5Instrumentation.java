package io.egressguard.core.instrumentation.apachehttp5;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Apache HttpClient 5.x ({@code org.apache.hc.client5}), classic and async, HTTP/1.1 and HTTP/2.
 *
 * <p>Classic: httpcore5's {@code HttpRequestExecutor.execute(ClassicHttpRequest, HttpClientConnection,
 * HttpResponseInformationCallback, HttpContext)} writes each hop (redirects, retries, authentication
 * rounds) to its connection; the client's context names the route, so the real target behind any proxy.
 * The request is rewritten just before and put back just after.
 *
 * <p>Async: the last element of the exec chain, {@code HttpAsyncMainClientExec} (HTTP/1.1 and HTTP/2
 * negotiated) or {@code H2AsyncMainClientExec} (the HTTP/2-only client), is called once per hop with the
 * request, its body producer and the route. The request is rewritten there and put back when the
 * response (or a failure) arrives, after its head has been written.
 */
public final class ApacheHttp5Instrumentation implements Instrumentation {

    @Override
    public String name() {
        return "apache-httpclient5";
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(
                TypeAdvice.of("org.apache.hc.core5.http.impl.io.HttpRequestExecutor").advise(
                        named("execute").and(takesArguments(4))
                                .and(takesArgument(0, named("org.apache.hc.core5.http.ClassicHttpRequest")))
                                .and(takesArgument(3, named("org.apache.hc.core5.http.protocol.HttpContext"))),
                        ClassicExecuteAdvice.class,
                        "method execute(ClassicHttpRequest, HttpClientConnection, HttpResponseInformationCallback, HttpContext)"),
                TypeAdvice.of("org.apache.hc.client5.http.impl.async.HttpAsyncMainClientExec").advise(
                        asyncExecute(), AsyncExecuteAdvice.class, ASYNC_EXECUTE),
                TypeAdvice.of("org.apache.hc.client5.http.impl.async.H2AsyncMainClientExec").advise(
                        asyncExecute(), AsyncExecuteAdvice.class, ASYNC_EXECUTE));
    }

    private static final String ASYNC_EXECUTE =
            "method execute(HttpRequest, AsyncEntityProducer, AsyncExecChain.Scope, AsyncExecChain, AsyncExecCallback)";

    private static ElementMatcher<MethodDescription> asyncExecute() {
        return named("execute").and(takesArguments(5))
                .and(takesArgument(0, named("org.apache.hc.core5.http.HttpRequest")))
                .and(takesArgument(1, named("org.apache.hc.core5.http.nio.AsyncEntityProducer")))
                .and(takesArgument(2, named("org.apache.hc.client5.http.async.AsyncExecChain$Scope")))
                .and(takesArgument(4, named("org.apache.hc.client5.http.async.AsyncExecCallback")));
    }

    @Override
    public List<String> helperClasses() {
        String pkg = "io.egressguard.core.instrumentation.apachehttp5.";
        return List.of(pkg + "ApacheHttp5Requests", pkg + "ApacheHttp5ClassicHop", pkg + "ApacheHttp5ClassicHop$Restore",
                pkg + "ApacheHttp5ClassicHop$GuardedEntity",
                pkg + "ApacheHttp5AsyncHop", pkg + "ApacheHttp5AsyncHop$Collector", pkg + "BytesProducer",
                pkg + "GuardedProducer", pkg + "GuardedProducer$1", pkg + "GuardedProducer$Queue");
    }
}
