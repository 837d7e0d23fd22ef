package io.egressguard.core.instrumentation.apachehttp4;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;

/**
 * Apache HttpClient 4.5 (classic, {@code org.apache.http}).
 *
 * <p>The choke point is httpcore's {@code HttpRequestExecutor.doSendRequest(HttpRequest,
 * HttpClientConnection, HttpContext)}: the client's main exec calls it once per hop (each redirect,
 * retry and authentication round) with the final request, every header set, and it writes head and
 * body to the connection before it returns. The route in the context names the real target, even
 * through a proxy. The guard rewrites the request just before and puts it back just after, so nothing
 * injected stays in an object the application or the next hop can see.
 */
public final class ApacheHttp4Instrumentation implements Instrumentation {

    @Override
    public String name() {
        return "apache-httpclient4";
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(TypeAdvice.of("org.apache.http.protocol.HttpRequestExecutor").advise(
                named("doSendRequest").and(takesArguments(3))
                        .and(takesArgument(0, named("org.apache.http.HttpRequest")))
                        .and(takesArgument(2, named("org.apache.http.protocol.HttpContext"))),
                SendRequestAdvice.class, "method doSendRequest(HttpRequest, HttpClientConnection, HttpContext)"));
    }

    @Override
    public List<String> helperClasses() {
        String hop = "io.egressguard.core.instrumentation.apachehttp4.ApacheHttp4Hop";
        return List.of(hop, hop + "$Restore", hop + "$GuardedEntity");
    }
}
