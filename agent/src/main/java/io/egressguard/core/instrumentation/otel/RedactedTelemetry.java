package io.egressguard.core.instrumentation.otel;

import io.egressguard.bootstrap.Guard;
import io.egressguard.bootstrap.Redaction;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.common.ValueType;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * A view of a {@code SpanData} or {@code LogRecordData} whose every text comes back redacted. A proxy
 * over the SDK's own interface rather than a class implementing it: the interfaces gain methods from
 * one SDK version to the next, and a proxy answers each of them by asking the SDK's own object, then
 * redacting what it returns by type (strings, attributes, events, links, status, log bodies).
 *
 * <p>Defined in the SDK's class loader; refers only to the SDK, the JDK and the bootstrap hooks.
 */
public final class RedactedTelemetry implements InvocationHandler {

    private final Object target;

    private RedactedTelemetry(Object target) {
        this.target = target;
    }

    public static Object spanData(Object data) {
        if (!(data instanceof SpanData) || !Redaction.active() || Proxy.isProxyClass(data.getClass())) {
            return data;
        }
        return view(data, SpanData.class);
    }

    public static Object logRecordData(Object data) {
        if (!(data instanceof LogRecordData) || !Redaction.active() || Proxy.isProxyClass(data.getClass())) {
            return data;
        }
        return view(data, LogRecordData.class);
    }

    private static Object view(Object data, Class<?> type) {
        try {
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new RedactedTelemetry(data));
        } catch (Throwable t) {
            Guard.internalError("redacting telemetry data", t);
            return data;
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result == null) {
            return null;
        }
        String returnType = method.getReturnType().getName();
        if (returnType.equals("io.opentelemetry.sdk.logs.data.Body")) {
            return LogBodies.redactBody(result);
        }
        if (returnType.equals("io.opentelemetry.api.common.Value")) {
            return LogBodies.redactValue(result);
        }
        return redact(result);
    }

    private static Object redact(Object value) {
        if (value instanceof String) {
            return text((String) value);
        }
        if (value instanceof Attributes) {
            return attributes((Attributes) value);
        }
        if (value instanceof StatusData) {
            StatusData status = (StatusData) value;
            String description = status.getDescription();
            String redacted = text(description);
            return redacted == description ? status : StatusData.create(status.getStatusCode(), redacted);
        }
        if (value instanceof EventData) {
            EventData event = (EventData) value;
            String name = text(event.getName());
            Attributes attributes = attributes(event.getAttributes());
            return name == event.getName() && attributes == event.getAttributes() ? event
                    : EventData.create(event.getEpochNanos(), name, attributes, event.getTotalAttributeCount());
        }
        if (value instanceof LinkData) {
            LinkData link = (LinkData) value;
            Attributes attributes = attributes(link.getAttributes());
            return attributes == link.getAttributes() ? link
                    : LinkData.create(link.getSpanContext(), attributes, link.getTotalAttributeCount());
        }
        if (value instanceof List) {
            return list((List<?>) value);
        }
        return value;
    }

    private static String text(String s) {
        return s == null ? null : Redaction.redact(Redaction.Sink.TRACE, s);
    }

    /** The list with each element redacted, or the same list when none changed. */
    private static List<?> list(List<?> values) {
        List<Object> out = null;
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            Object r = redact(v);
            if (r != v && out == null) {
                out = new ArrayList<>(values.subList(0, i));
            }
            if (out != null) {
                out.add(r);
            }
        }
        return out == null ? values : java.util.Collections.unmodifiableList(out);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Attributes attributes(Attributes attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return attributes;
        }
        boolean[] changed = {false};
        AttributesBuilder builder = Attributes.builder();
        attributes.forEach((key, value) -> {
            Object redacted = value instanceof String ? text((String) value)
                    : value instanceof List ? list((List<?>) value) : value;
            changed[0] |= redacted != value;
            builder.put((AttributeKey) key, redacted);
        });
        return changed[0] ? builder.build() : attributes;
    }

    /**
     * Log bodies: {@code Body} up to SDK 1.4x, {@code Value} after. Kept apart so that neither type is
     * loaded unless the SDK in use has it.
     */
    static final class LogBodies {
        private LogBodies() {}

        @SuppressWarnings("deprecation")
        static Object redactBody(Object body) {
            Body b = (Body) body;
            if (b.getType() != Body.Type.STRING) {
                return b;
            }
            String redacted = text(b.asString());
            return redacted == b.asString() ? b : Body.string(redacted);
        }

        static Object redactValue(Object value) {
            Value<?> v = (Value<?>) value;
            if (v.getType() != ValueType.STRING) {
                return v;
            }
            String s = (String) v.getValue();
            String redacted = text(s);
            return redacted == s ? v : Value.of(redacted);
        }
    }
}
