package io.egressguard.core.instrumentation.logback;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;

/**
 * Logback 1.2 to 1.5: {@code OutputStreamAppender} (console, file and rolling file appenders) hands
 * each event, fully encoded by whatever encoder or layout is configured (pattern, JSON), to its
 * private {@code writeBytes(byte[])}. Those bytes are redacted there, one whole event at a time, so
 * message, arguments, MDC values and the stack trace are covered whatever the layout.
 *
 * <p>The stream itself is not wrapped: {@code FileAppender} casts it to its own type in prudent mode.
 */
public final class LogbackInstrumentation implements Instrumentation {

    @Override
    public String name() {
        return "logback";
    }

    @Override
    public boolean isSink() {
        return true;
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(TypeAdvice.of("ch.qos.logback.core.OutputStreamAppender").advise(
                named("writeBytes").and(takesArguments(1)).and(takesArgument(0, byte[].class)),
                WriteBytesAdvice.class, "method writeBytes(byte[])"));
    }
}
