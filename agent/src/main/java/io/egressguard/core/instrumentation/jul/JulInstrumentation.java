package io.egressguard.core.instrumentation.jul;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code java.util.logging}: every {@code StreamHandler} ({@code ConsoleHandler}, {@code FileHandler},
 * {@code SocketHandler}, and application subclasses) writes the text its formatter made to the stream
 * given to {@code setOutputStream}. That stream is wrapped so the formatted record, whatever the
 * formatter (simple, XML, custom), is redacted, including the message, its parameters and the stack
 * trace.
 */
public final class JulInstrumentation implements Instrumentation {

    @Override
    public String name() {
        return "jul";
    }

    @Override
    public boolean isSink() {
        return true;
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(TypeAdvice.of("java.util.logging.StreamHandler").advise(
                named("setOutputStream").and(takesArguments(1)).and(takesArgument(0, OutputStream.class)),
                SetOutputStreamAdvice.class, "method setOutputStream(OutputStream)"));
    }
}
