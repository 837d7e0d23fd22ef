package io.egressguard.bootstrap;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Which tool of an AI agent is running on this thread, and so on whose behalf an outgoing request is
 * made. Advice woven into tool entry points (framework tool executors, MCP handlers, methods the rule
 * file names) calls {@link #enter} and {@link #exit}; advice woven into executors carries the context
 * to the threads a tool hands work to ({@link #wrap(Runnable)}); the policy reads {@link #current()}
 * for every request.
 *
 * <p>A context is immutable. Entering a tool inside another (a tool that calls a tool) makes the inner
 * one current until it exits, when the outer one is current again.
 */
public final class ToolContext {

    /** The token {@link #enter} returns when no context was current before it. */
    private static final ToolContext NONE = new ToolContext(null, null);

    private static final ThreadLocal<ToolContext> CURRENT = new ThreadLocal<>();

    /**
     * False until a tool has been entered once in this JVM: until then the executor hooks return at the
     * first line, so an application that never runs a tool pays one volatile read per task.
     */
    private static volatile boolean used;

    /** Rule-file-named entry points, {@code com.acme.Tools#readIssues} to tool name; set by the core. */
    private static volatile Map<String, String> entryPoints = Map.of();

    /**
     * The capability key of the woven code. Only advice the agent wove knows it, so application code
     * cannot make itself a tool with a broader grant by calling {@link #enter} itself.
     */
    private static volatile long capabilityKey;

    private final String tool;
    private final String identity;

    private ToolContext(String tool, String identity) {
        this.tool = tool;
        this.identity = identity;
    }

    /** The tool's name as the framework or the rule file names it. */
    public String tool() {
        return tool;
    }

    /**
     * The identity this context acts as when the tool itself fixes it (an MCP server's tools act as
     * that server); {@code null} to let the rule file decide from the tool name.
     */
    public String identity() {
        return identity;
    }

    /** The context of the calling thread, or {@code null} outside any tool. */
    public static ToolContext current() {
        return used ? CURRENT.get() : null;
    }

    /**
     * Makes {@code tool} the running tool of this thread. Never throws; always pair with
     * {@link #exit} in a finally block (advice: {@code onThrowable}).
     *
     * @return the token to hand to {@link #exit}
     */
    public static Object enter(long key, String tool) {
        return enter(key, tool, null);
    }

    /** As {@link #enter(long, String)}, for a tool that acts as a fixed identity. */
    public static Object enter(long key, String tool, String identity) {
        if (tool == null || tool.isEmpty() || key == 0 || key != capabilityKey) {
            return null; // nothing entered; exit(null) does nothing
        }
        used = true;
        return attach(new ToolContext(tool, identity));
    }

    /** For advice on a method the rule file names as a tool entry point. */
    public static Object enterEntryPoint(long key, String type, String method) {
        String tool = entryPoints.get(type + "#" + method);
        return tool == null ? null : enter(key, tool, null);
    }

    /**
     * The context {@code tool} would run in, without making it current: for advice on code that runs
     * the tool later (a handler an MCP server calls, a reactive chain subscribed to later), which
     * hands it to {@link #resume} then. {@code null} when the key is wrong.
     */
    public static ToolContext prepare(long key, String tool) {
        if (tool == null || tool.isEmpty() || key == 0 || key != capabilityKey) {
            return null;
        }
        used = true;
        return new ToolContext(tool, null);
    }

    /**
     * Makes a context obtained earlier ({@link #current}, {@link #prepare}) current again, as a task
     * {@link #wrap(Runnable)} returned would; pair with {@link #exit}. A context can only be had from
     * inside a tool or from woven code, so this grants nothing {@code wrap} does not.
     */
    public static Object resume(ToolContext context) {
        if (context == null) {
            return null;
        }
        used = true;
        return attach(context);
    }

    /** For the bootstrap's own call sites (an MCP call acting as its caller's identity). */
    static ToolContext of(String tool, String identity) {
        used = true;
        return new ToolContext(tool, identity);
    }

    /** Restores the context that was current before the matching {@link #enter}. */
    public static void exit(Object token) {
        if (token instanceof ToolContext) {
            ToolContext previous = (ToolContext) token;
            if (previous == NONE) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Makes {@code context} (which may be {@code null}) current; returns the token for {@link #exit}. */
    static Object attach(ToolContext context) {
        ToolContext previous = CURRENT.get();
        if (context == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(context);
        }
        return previous == null ? NONE : previous;
    }

    /** Called once by the core: the woven code's key and the entry points the rule file names. */
    public static synchronized void install(long key, Map<String, String> byOrigin) {
        if (capabilityKey != 0) {
            throw new IllegalStateException("tool contexts are already installed");
        }
        entryPoints = Map.copyOf(byOrigin);
        capabilityKey = key;
    }

    /**
     * The task as it should be queued: when a tool is running, a task that runs in this tool's context
     * on whichever thread picks it up; otherwise the task itself.
     */
    public static Runnable wrap(Runnable task) {
        if (!used || task == null) {
            return task;
        }
        ToolContext c = CURRENT.get();
        if (c == null || (task instanceof ContextRunnable && ((ContextRunnable) task).context == c)) {
            return task;
        }
        return new ContextRunnable(task, c);
    }

    /** See {@link #wrap(Runnable)}. */
    public static <T> Callable<T> wrap(Callable<T> task) {
        if (!used || task == null) {
            return task;
        }
        ToolContext c = CURRENT.get();
        if (c == null || (task instanceof ContextCallable && ((ContextCallable<?>) task).context == c)) {
            return task;
        }
        return new ContextCallable<>(task, c);
    }

    @Override
    public String toString() {
        return identity == null ? "tool " + tool : "tool " + tool + " of " + identity;
    }

    /**
     * A task that runs in the context it was submitted from, and leaves the worker thread as it found
     * it: a pooled thread never keeps a tool's context after the task.
     */
    static final class ContextRunnable implements Runnable {
        final Runnable task;
        final ToolContext context;

        ContextRunnable(Runnable task, ToolContext context) {
            this.task = task;
            this.context = context;
        }

        @Override
        public void run() {
            Object token = attach(context);
            try {
                task.run();
            } finally {
                exit(token);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }

    /** See {@link ContextRunnable}. */
    static final class ContextCallable<T> implements Callable<T> {
        final Callable<T> task;
        final ToolContext context;

        ContextCallable(Callable<T> task, ToolContext context) {
            this.task = task;
            this.context = context;
        }

        @Override
        public T call() throws Exception {
            Object token = attach(context);
            try {
                return task.call();
            } finally {
                exit(token);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }
}
