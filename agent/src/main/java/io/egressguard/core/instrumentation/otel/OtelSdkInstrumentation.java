package io.egressguard.core.instrumentation.otel;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;

/**
 * OpenTelemetry SDK 1.x: exporters only ever see a span as the {@code SpanData} that
 * {@code SdkSpan.toSpanData()} makes when a processor ends it, and a log record as the
 * {@code LogRecordData} of {@code SdkReadWriteLogRecord.toLogRecordData()}. Both results are replaced
 * by views that redact every text they return: span name, attribute values (strings and string
 * arrays), event names and attributes (so {@code exception.message} and {@code exception.stacktrace}
 * of a recorded exception), link attributes, the status description, log bodies and severity text.
 * The live span the application holds is not changed.
 */
public final class OtelSdkInstrumentation implements Instrumentation {

    static final String HELPER = "io.egressguard.core.instrumentation.otel.RedactedTelemetry";

    @Override
    public String name() {
        return "opentelemetry-sdk";
    }

    @Override
    public boolean isSink() {
        return true;
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(
                TypeAdvice.of("io.opentelemetry.sdk.trace.SdkSpan").advise(
                        named("toSpanData").and(takesArguments(0)), ToSpanDataAdvice.class, "method toSpanData()"),
                TypeAdvice.of("io.opentelemetry.sdk.logs.SdkReadWriteLogRecord").advise(
                        named("toLogRecordData").and(takesArguments(0)), ToLogRecordDataAdvice.class,
                        "method toLogRecordData()"));
    }

    @Override
    public List<String> helperClasses() {
        // Names, not class literals: these implement OpenTelemetry types, which the core cannot load.
        return List.of(HELPER, HELPER + "$LogBodies");
    }
}
