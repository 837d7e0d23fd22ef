package io.egressguard.core.redact;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Redacts a JSON request body value by value: every string (the system prompt, each message in any
 * content form, lists of parts, tool results, function arguments that are themselves JSON in a string)
 * and every object key is redacted as text, then written back. The result is always valid JSON; a body
 * that is not JSON is redacted as plain text instead.
 */
public final class JsonBodyRedactor {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonBodyRedactor() {}

    /**
     * The redacted body, or {@code null} when nothing in it had to change. The names of what was
     * replaced are added to {@code replaced}.
     */
    public static byte[] redact(byte[] body, int offset, int length, TextRedactor redactor, TextRedactor.Style style,
            java.util.List<String> replaced) {
        try {
            return redactJson(body, offset, length, redactor, style, replaced);
        } catch (IOException notJson) {
            String text = new String(body, offset, length, StandardCharsets.UTF_8);
            String redacted = redactor.redact(text, style, false, replaced);
            return redacted == text ? null : redacted.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static byte[] redactJson(byte[] body, int offset, int length, TextRedactor redactor,
            TextRedactor.Style style, java.util.List<String> replaced) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 64);
        boolean changed = false;
        try (JsonParser p = JSON.createParser(body, offset, length); JsonGenerator g = JSON.createGenerator(out)) {
            JsonToken t;
            int depth = 0;
            boolean any = false;
            while ((t = p.nextToken()) != null) {
                if (any && depth == 0) {
                    throw new IOException("more than one JSON value");
                }
                any = true;
                switch (t) {
                    case START_OBJECT:
                        g.writeStartObject();
                        depth++;
                        break;
                    case END_OBJECT:
                        g.writeEndObject();
                        depth--;
                        break;
                    case START_ARRAY:
                        g.writeStartArray();
                        depth++;
                        break;
                    case END_ARRAY:
                        g.writeEndArray();
                        depth--;
                        break;
                    case FIELD_NAME: {
                        String name = p.currentName();
                        String r = redactor.redact(name, style, false, replaced);
                        changed |= r != name;
                        g.writeFieldName(r);
                        break;
                    }
                    case VALUE_STRING: {
                        String v = p.getText();
                        String r = redactor.redact(v, style, false, replaced);
                        changed |= r != v;
                        g.writeString(r);
                        break;
                    }
                    case VALUE_NUMBER_INT:
                    case VALUE_NUMBER_FLOAT:
                        g.writeNumber(p.getText());
                        break;
                    case VALUE_TRUE:
                        g.writeBoolean(true);
                        break;
                    case VALUE_FALSE:
                        g.writeBoolean(false);
                        break;
                    case VALUE_NULL:
                        g.writeNull();
                        break;
                    default:
                        throw new IOException("unexpected JSON token " + t);
                }
            }
            if (!any || depth != 0) {
                throw new IOException("not a complete JSON value");
            }
        }
        return changed ? out.toByteArray() : null;
    }
}
