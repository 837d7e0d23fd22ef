package io.egressguard.core.instrumentation.toolcontext;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;

/**
 * Reactor 3: every scheduler passes each task through {@code Schedulers.onSchedule} on the thread
 * that schedules it (where {@code subscribeOn}, {@code publishOn}, delays and timeouts hand work on),
 * so a reactive chain a tool subscribes to carries the tool's context across schedulers.
 */
public final class ReactorContextInstrumentation implements Instrumentation {

    @Override
    public String name() {
        return "tool-context-reactor";
    }

    @Override
    public String startupGroup() {
        return "";
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(TypeAdvice.of("reactor.core.scheduler.Schedulers").advise(
                isStatic().and(named("onSchedule")).and(takesArgument(0, Runnable.class)), ScheduledTaskAdvice.class,
                "method onSchedule(Runnable)"));
    }
}
