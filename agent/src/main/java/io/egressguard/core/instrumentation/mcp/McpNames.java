package io.egressguard.core.instrumentation.mcp;

import java.lang.reflect.Method;

/**
 * The {@code name()} of the SDK's records (a tool, a call request, a server's implementation info),
 * read reflectively: the agent is compiled for Java 11, which cannot refer to record classes.
 */
public final class McpNames {

    private static final ClassValue<Method> NAME = new ClassValue<Method>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                Method m = type.getMethod("name");
                return m.getReturnType() == String.class ? m : null;
            } catch (NoSuchMethodException | RuntimeException e) {
                return null;
            }
        }
    };

    private McpNames() {}

    /** {@code record.name()}, or {@code null} when there is none. */
    public static String name(Object record) {
        if (record == null) {
            return null;
        }
        Method m = NAME.get(record.getClass());
        try {
            return m == null ? null : (String) m.invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** {@code call()} of an object without parameters, by name, or {@code null}. */
    static Object call(Object target, String method) {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
