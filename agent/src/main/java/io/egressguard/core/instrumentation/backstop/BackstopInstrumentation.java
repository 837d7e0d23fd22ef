package io.egressguard.core.instrumentation.backstop;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;

/**
 * The JDK's socket and TLS layers, under every HTTP client: plain socket streams, the plaintext side of
 * TLS sockets and of {@code SSLEngine}, and socket channels. Nothing is injected here; a write that
 * carries a handle or a known secret to a peer no rule allows for it is refused (see
 * {@link io.egressguard.bootstrap.Backstop}).
 */
public final class BackstopInstrumentation implements Instrumentation {

    @Override
    public String name() {
        return "backstop";
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(
                TypeAdvice.of("java.net.Socket$SocketOutputStream").advise(
                        named("write").and(takesArguments(3)).and(takesArgument(0, byte[].class)),
                        SocketStreamWriteAdvice.class, "method write(byte[], int, int)"),
                TypeAdvice.of("sun.security.ssl.SSLSocketImpl$AppOutputStream").advise(
                        named("write").and(takesArguments(3)).and(takesArgument(0, byte[].class)),
                        TlsSocketWriteAdvice.class, "method write(byte[], int, int)"),
                TypeAdvice.of("sun.security.ssl.SSLEngineImpl").advise(
                        named("wrap").and(takesArguments(6)), TlsEngineWrapAdvice.class,
                        "method wrap(ByteBuffer[], int, int, ByteBuffer[], int, int)"),
                TypeAdvice.of("sun.nio.ch.SocketChannelImpl")
                        .advise(named("write").and(takesArguments(1)), ChannelWriteAdvice.class,
                                "method write(ByteBuffer)")
                        .advise(named("write").and(takesArguments(3)), ChannelGatheringWriteAdvice.class,
                                "method write(ByteBuffer[], int, int)"));
    }
}
