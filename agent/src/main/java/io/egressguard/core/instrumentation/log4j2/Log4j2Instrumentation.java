package io.egressguard.core.instrumentation.log4j2;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;

/**
 * Log4j2 2.17 and later: layouts (pattern, JSON template, ...) encode each event into the byte buffer
 * of an {@code OutputStreamManager}, which drains it to its stream, sometimes in pieces (an event
 * larger than the buffer, or several events per write when buffered). Every access to that stream
 * goes through {@code getOutputStream()}, so its result (and the field it is kept in) is replaced by
 * a redacting stream, which also catches a secret cut in two by a drain. Console, file, rolling file
 * and output-stream appenders are covered this way.
 */
public final class Log4j2Instrumentation implements Instrumentation {

    @Override
    public String name() {
        return "log4j2";
    }

    @Override
    public boolean isSink() {
        return true;
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(TypeAdvice.of("org.apache.logging.log4j.core.appender.OutputStreamManager").advise(
                named("getOutputStream").and(takesArguments(0)), GetOutputStreamAdvice.class,
                "method getOutputStream()"));
    }
}
