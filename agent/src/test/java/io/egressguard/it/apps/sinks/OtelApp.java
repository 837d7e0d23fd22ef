package io.egressguard.it.apps.sinks;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Records spans and log records with the OpenTelemetry SDK into its in-memory exporters, then writes
 * what the exporters received as JSON (spans.json, logs.json). Usage: OUTPUT_DIR secrets|clean
 */
public final class OtelApp {

    private OtelApp() {}

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        boolean secrets = SinkCases.secretsMode(args);
        String s = secrets ? SinkCases.SECRET : SinkCases.CLEAN_ARGUMENT;
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
        Tracer tracer = tracing.get("app");

        Span clean = tracer.spanBuilder("clean-span").startSpan();
        clean.setAttribute("clean", SinkCases.CLEAN_ARGUMENT);
        clean.addEvent("clean-event", Attributes.of(AttributeKey.stringKey("k"), SinkCases.CLEAN_MDC));
        clean.end();

        Span span = tracer.spanBuilder("call " + s).setAttribute("builder.token", s).startSpan();
        span.setAttribute("token", s);
        span.setAttribute("clean", SinkCases.CLEAN_ARGUMENT);
        span.setAttribute(AttributeKey.stringArrayKey("tokens"), Arrays.asList("first", s));
        span.setAttribute("long", secrets ? SinkCases.LONG : SinkCases.CLEAN_MESSAGE);
        span.addEvent("login " + s, Attributes.of(AttributeKey.stringKey("event.token"), s));
        span.recordException(secrets ? SinkCases.nestedFailure() : new IllegalArgumentException(SinkCases.CLEAN_EXCEPTION));
        span.setStatus(StatusCode.ERROR, "failed with " + s);
        span.end();

        InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
        SdkLoggerProvider logging = SdkLoggerProvider.builder()
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs)).build();
        Logger logger = logging.get("app");
        logger.logRecordBuilder().setBody(SinkCases.CLEAN_MESSAGE).setAttribute(AttributeKey.stringKey("clean"),
                SinkCases.CLEAN_ARGUMENT).emit();
        logger.logRecordBuilder().setBody("token in body " + s).setSeverityText("ERROR " + s)
                .setAttribute(AttributeKey.stringKey("token"), s)
                .setAttribute(AttributeKey.stringKey("nested"), secrets ? SinkCases.NESTED : "none").emit();

        StringBuilder out = new StringBuilder("[\n");
        List<SpanData> finished = spans.getFinishedSpanItems();
        for (int i = 0; i < finished.size(); i++) {
            SpanData d = finished.get(i);
            out.append("{\"name\":").append(json(d.getName()))
                    .append(",\"attributes\":").append(json(d.getAttributes().asMap()))
                    .append(",\"status\":").append(json(d.getStatus().getDescription()))
                    .append(",\"events\":[");
            for (int e = 0; e < d.getEvents().size(); e++) {
                EventData ev = d.getEvents().get(e);
                out.append(e == 0 ? "" : ",").append("{\"name\":").append(json(ev.getName()))
                        .append(",\"attributes\":").append(json(ev.getAttributes().asMap())).append("}");
            }
            out.append("]}").append(i + 1 < finished.size() ? ",\n" : "\n");
        }
        SinkCases.write(dir.resolve("spans.json"), out.append("]\n").toString());

        out = new StringBuilder("[\n");
        List<LogRecordData> records = logs.getFinishedLogRecordItems();
        for (int i = 0; i < records.size(); i++) {
            LogRecordData r = records.get(i);
            out.append("{\"body\":").append(json(body(r))).append(",\"severityText\":").append(json(r.getSeverityText()))
                    .append(",\"attributes\":").append(json(r.getAttributes().asMap())).append("}")
                    .append(i + 1 < records.size() ? ",\n" : "\n");
        }
        SinkCases.write(dir.resolve("logs.json"), out.append("]\n").toString());
        // what an exporter that prints would show
        System.out.println("span-data " + finished.get(1));
        tracing.shutdown();
        logging.shutdown();
    }

    /** The body as the SDK in use exposes it: getBodyValue() from 1.42, getBody() before. */
    private static String body(LogRecordData r) throws Exception {
        try {
            Object value = LogRecordData.class.getMethod("getBodyValue").invoke(r);
            return value == null ? null
                    : (String) Class.forName("io.opentelemetry.api.common.Value").getMethod("asString").invoke(value);
        } catch (NoSuchMethodException old) {
            Object body = LogRecordData.class.getMethod("getBody").invoke(r);
            return (String) Class.forName("io.opentelemetry.sdk.logs.data.Body").getMethod("asString").invoke(body);
        }
    }

    private static String json(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sb.append(sb.length() > 1 ? "," : "").append(json(String.valueOf(e.getKey()))).append(':').append(json(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (v instanceof List) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : (List<?>) v) {
                sb.append(sb.length() > 1 ? "," : "").append(json(o));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : v.toString().toCharArray()) {
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
