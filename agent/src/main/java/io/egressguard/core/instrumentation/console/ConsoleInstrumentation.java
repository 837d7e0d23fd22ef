package io.egressguard.core.instrumentation.console;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.egressguard.bootstrap.SinkStreams;
import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code System.out} and {@code System.err}. At start-up both are replaced by streams that redact
 * (see {@link #redactStandardStreams()}); the advice on {@code System.setOut} and {@code setErr} keeps
 * it so when the application installs streams of its own.
 */
public final class ConsoleInstrumentation implements Instrumentation {

    @Override
    public String name() {
        return "console";
    }

    @Override
    public boolean isSink() {
        return true;
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(TypeAdvice.of("java.lang.System")
                .advise(named("setOut").and(takesArguments(1)).and(takesArgument(0, PrintStream.class)),
                        SetConsoleStreamAdvice.class, "method setOut(PrintStream)")
                .advise(named("setErr").and(takesArguments(1)).and(takesArgument(0, PrintStream.class)),
                        SetConsoleStreamAdvice.class, "method setErr(PrintStream)"));
    }

    /** Replaces the JVM's own standard streams; safe to call again (a redacting stream is kept as it is). */
    public static void redactStandardStreams() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(SinkStreams.console(out));
        System.setErr(SinkStreams.console(err));
    }
}
