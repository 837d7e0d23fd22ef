package io.egressguard.core.instrument;

import java.util.List;

/**
 * Everything needed to guard one HTTP client library, or to redact one sink (a logging framework,
 * the console, a tracing SDK): which of its classes to weave, with which
 * advice, and which helper classes its advice needs defined next to it. One implementation per
 * library, in a package of its own under {@code io.egressguard.core.instrumentation}.
 *
 * <p>Advice and helper classes may refer to the library, the JDK and {@code io.egressguard.bootstrap}
 * only: they run inside the application's class loaders, where the core is invisible.
 */
public interface Instrumentation {

    /** Short name shown in the start-up line and in audit lines, e.g. {@code okhttp}. */
    String name();

    /** The classes to weave. */
    List<TypeAdvice> types();

    /** True for a sink that is redacted (logs, console, traces) rather than an HTTP client that is guarded. */
    default boolean isSink() {
        return false;
    }

    /**
     * What the start-up line lists this under: {@code "client"} (guarded HTTP clients, the default),
     * {@code "tools"} (frameworks whose tool calls are recognised), or {@code ""} for plumbing it does not name
     * (carrying a tool's context across threads). Sinks are listed by {@link #isSink()}.
     */
    default String startupGroup() {
        return isSink() ? "sink" : "client";
    }

    /** What to tell the user when a class lacks a method this instrumentation needs. */
    default String unsupportedHint() {
        return "this version of the library is not supported";
    }

    /** Helper classes to define in the class loader of the woven library (binary names). */
    default List<String> helperClasses() {
        return List.of();
    }
}
