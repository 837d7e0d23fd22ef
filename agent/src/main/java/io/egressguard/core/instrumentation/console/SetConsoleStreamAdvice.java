package io.egressguard.core.instrumentation.console;

import io.egressguard.bootstrap.SinkStreams;
import java.io.PrintStream;
import net.bytebuddy.asm.Advice;

/** Woven into {@code System.setOut} and {@code System.setErr}: the new stream redacts too. */
public final class SetConsoleStreamAdvice {

    private SetConsoleStreamAdvice() {}

    @Advice.OnMethodEnter
    public static void enter(@Advice.Argument(value = 0, readOnly = false) PrintStream stream) {
        stream = SinkStreams.console(stream); // never throws: falls back to the stream it was given
    }
}
