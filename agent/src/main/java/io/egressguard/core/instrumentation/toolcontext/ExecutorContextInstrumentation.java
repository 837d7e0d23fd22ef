package io.egressguard.core.instrumentation.toolcontext;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Carries the running tool's context to the threads it hands work to. A task is wrapped where it is
 * submitted, on the submitting thread, only while a tool runs there (see
 * {@link io.egressguard.bootstrap.ToolContext#wrap(Runnable)}); the wrapper restores the worker's own
 * state afterwards, so a pooled thread never keeps a tool's context.
 *
 * <p>Covered: every {@code ThreadPoolExecutor} (and so {@code Executors.newFixedThreadPool} and friends,
 * OkHttp's dispatcher, the JDK HTTP client's default executor), {@code ScheduledThreadPoolExecutor},
 * {@code ForkJoinPool} (the common pool, parallel streams' {@code submit}), and the thread-per-task
 * executor {@code CompletableFuture} uses when the common pool has a single thread. Not covered:
 * {@code ForkJoinTask.fork()} of a task subclass, and a bare {@code new Thread(...).start()}.
 */
public final class ExecutorContextInstrumentation implements Instrumentation {

    @Override
    public String name() {
        return "tool-context";
    }

    @Override
    public String startupGroup() {
        return "";
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(
                TypeAdvice.of("java.util.concurrent.ThreadPoolExecutor").advise(
                        named("execute").and(takesArgument(0, Runnable.class)), RunnableArgumentAdvice.class,
                        "method execute(Runnable)"),
                TypeAdvice.of("java.util.concurrent.ScheduledThreadPoolExecutor")
                        .advise(isPublic().and(namedOneOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay"))
                                .and(takesArgument(0, Runnable.class)), RunnableArgumentAdvice.class,
                                "method schedule(Runnable, long, TimeUnit)")
                        .advise(isPublic().and(named("schedule")).and(takesArgument(0, Callable.class)),
                                CallableArgumentAdvice.class, "method schedule(Callable, long, TimeUnit)"),
                TypeAdvice.of("java.util.concurrent.ForkJoinPool")
                        .advise(isPublic().and(namedOneOf("execute", "submit")).and(takesArgument(0, Runnable.class)),
                                RunnableArgumentAdvice.class, "method execute(Runnable)")
                        .advise(isPublic().and(named("submit")).and(takesArgument(0, Callable.class)),
                                CallableArgumentAdvice.class, "method submit(Callable)"),
                TypeAdvice.of("java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor").advise(
                        named("execute").and(takesArgument(0, Runnable.class)), RunnableArgumentAdvice.class,
                        "method execute(Runnable)"));
    }
}
