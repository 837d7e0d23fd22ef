package io.egressguard.core.instrumentation.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;

/**
 * Jetty's {@code HttpClient} 12 (jetty-client 12.0 and 12.1), over HTTP/1.1 and, with Jetty's HTTP/2
 * transport, HTTP/2.
 *
 * <p>Jetty sends every hop (each redirect it follows, each authentication retry) as a new
 * {@code HttpRequest}, and every transport announces the finished head of a hop through
 * {@code HttpRequest.notifyHeaders()} (after normalisation, after the application's begin and header
 * listeners), right before it encodes it: that is the choke point. The head has been copied into the
 * transport's own metadata when {@code notifyCommit()} runs, or the hop has failed when
 * {@code notifyFailure(..)} runs; either way the application's view of the headers is restored there,
 * before its listeners see it.
 *
 * <p>Jetty 12 is Java 17 bytecode and the agent is built for Java 11, so the helper reaches Jetty only by
 * reflection (see {@link JettyGuard}) and the advice only handles {@code Object}.
 */
public final class JettyClientInstrumentation implements Instrumentation {

    @Override
    public String name() {
        return JettyGuard.CLIENT;
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(TypeAdvice.of("org.eclipse.jetty.client.transport.HttpRequest")
                .advise(named("notifyHeaders").and(takesArguments(0)), HeadersReadyAdvice.class,
                        "method notifyHeaders()")
                .advise(named("notifyCommit").and(takesArguments(0))
                        .or(named("notifyFailure").and(takesArguments(1))), HeadersSentAdvice.class,
                        "methods notifyCommit()/notifyFailure(Throwable)"));
    }

    @Override
    public List<String> helperClasses() {
        String guard = "io.egressguard.core.instrumentation.jetty.JettyGuard";
        return List.of(guard, guard + "$Access", guard + "$AccessCache");
    }
}
