package io.egressguard.core.instrumentation.vertx;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;

/**
 * Vert.x's core {@code HttpClient} 4.5 and 5.0 (vertx-core), HTTP/1.1 and HTTP/2, and so the
 * {@code WebClient} of vertx-web-client, which sends through it.
 *
 * <p>Vert.x sends each hop (every redirect it follows) through a fresh {@code HttpClientRequestImpl},
 * whose first {@code doWrite(..)} builds the head ({@code new HttpRequestHead(..)}) and hands it to the
 * connection's stream, HTTP/1.1 or HTTP/2 alike: that is the choke point. The head gets a copy of the
 * headers with the credentials in it, so the application's own headers never hold them.
 */
public final class VertxHttpClientInstrumentation implements Instrumentation {

    @Override
    public String name() {
        return VertxGuard.CLIENT;
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(
                TypeAdvice.of("io.vertx.core.http.impl.HttpClientRequestImpl").advise(
                        named("doWrite").and(takesArgument(0, named("io.netty.buffer.ByteBuf")))
                                .and(takesArgument(1, boolean.class)).and(takesArgument(2, boolean.class)),
                        WriteAdvice.class, "method doWrite(ByteBuf, boolean, boolean, ..)"),
                TypeAdvice.of("io.vertx.core.http.impl.HttpRequestHead").advise(
                        isConstructor().and(takesArguments(6)).and(takesArgument(2, named("io.vertx.core.MultiMap"))),
                        HeadAdvice.class, "constructor HttpRequestHead(method, uri, headers, authority, absoluteURI, trace)"));
    }

    @Override
    public List<String> helperClasses() {
        return List.of("io.egressguard.core.instrumentation.vertx.VertxGuard");
    }
}
