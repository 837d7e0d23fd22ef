package io.egressguard.core.instrumentation.reactornetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;

/**
 * Reactor Netty's {@code HttpClient} 1.x (reactor-netty-http), HTTP/1.1 and HTTP/2, and so Spring's
 * {@code WebClient} on its default connector.
 *
 * <p>Reactor Netty sends each hop (every redirect it follows, every retry) through a fresh
 * {@code HttpClientOperations}, and every way of sending it (whole, streamed, form, websocket) marks
 * the head as sent through {@code beforeMarkSentHeaders()} first: that is the choke point.
 */
public final class ReactorNettyInstrumentation implements Instrumentation {

    private static final String OPERATIONS = "reactor.netty.http.client.HttpClientOperations";

    @Override
    public String name() {
        return "reactor-netty";
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(
                TypeAdvice.of("reactor.netty.http.HttpOperations").advise(
                        named("markSentHeaders").or(named("markSentHeaderAndBody")).and(takesArguments(1))
                                .and(takesArgument(0, Object[].class)),
                        MarkSentAdvice.class, "methods markSentHeaders/markSentHeaderAndBody(Object...)"),
                TypeAdvice.of(OPERATIONS)
                        .advise(named("beforeMarkSentHeaders").and(takesArguments(0)), DecideAdvice.class,
                                "method beforeMarkSentHeaders()")
                        .advise(named("newFullBodyMessage"), FullMessageAdvice.class,
                                "method newFullBodyMessage(..)")
                        .advise(named("onOutboundComplete").and(takesArguments(0)), OutboundCompleteAdvice.class,
                                "method onOutboundComplete()")
                        .advise(named("onOutboundError").and(takesArguments(1)), OutboundErrorAdvice.class,
                                "method onOutboundError(Throwable)")
                        .advise(named("send").and(takesArguments(1))
                                .and(takesArgument(0, named("org.reactivestreams.Publisher"))),
                                StreamedBodyAdvice.class, "method send(Publisher)"));
    }

    @Override
    public List<String> helperClasses() {
        // Names, not class literals: the helper refers to Netty and Reactor, which the core cannot load.
        String guard = "io.egressguard.core.instrumentation.reactornetty.ReactorNettyGuard";
        return List.of(guard, guard + "$CheckedStream");
    }
}
