package io.egressguard.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON Schema (draft 2020-12) validator for exactly the keywords {@code rules/schema.json} uses, so
 * that the tests can check the schema against the parser without a dependency. A keyword it does not
 * know is an error, never silently ignored: a constraint added to the schema must be added here too.
 */
final class MiniSchema {

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$defs", "$comment", "title", "description",
            "examples", "default", "then", "else");

    private final JsonNode root;

    MiniSchema(JsonNode root) {
        this.root = root;
    }

    /** Every violation, each as {@code /json/pointer: what}; empty when the value is valid. */
    List<String> validate(JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(root, value, "", errors);
        return errors;
    }

    private boolean valid(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "", errors);
        return errors.isEmpty();
    }

    private void check(JsonNode schema, JsonNode v, String at, List<String> errors) {
        Iterator<String> keywords = schema.fieldNames();
        while (keywords.hasNext()) {
            String k = keywords.next();
            JsonNode s = schema.get(k);
            switch (k) {
                case "$ref":
                    check(resolve(s.asText()), v, at, errors);
                    break;
                case "type":
                    if (!hasType(v, s.asText())) {
                        errors.add(at + ": not of type " + s.asText());
                    }
                    break;
                case "const":
                    if (!s.equals(v)) {
                        errors.add(at + ": not " + s);
                    }
                    break;
                case "enum": {
                    boolean found = false;
                    for (JsonNode e : s) {
                        found |= e.equals(v);
                    }
                    if (!found) {
                        errors.add(at + ": not one of " + s);
                    }
                    break;
                }
                case "pattern":
                    if (v.isTextual() && !Pattern.compile(s.asText()).matcher(v.asText()).find()) {
                        errors.add(at + ": '" + v.asText() + "' does not match " + s.asText());
                    }
                    break;
                case "minimum":
                    if (v.isNumber() && v.asDouble() < s.asDouble()) {
                        errors.add(at + ": below " + s);
                    }
                    break;
                case "maximum":
                    if (v.isNumber() && v.asDouble() > s.asDouble()) {
                        errors.add(at + ": above " + s);
                    }
                    break;
                case "minItems":
                    if (v.isArray() && v.size() < s.asInt()) {
                        errors.add(at + ": fewer than " + s + " items");
                    }
                    break;
                case "required":
                    if (v.isObject()) {
                        for (JsonNode r : s) {
                            if (!v.has(r.asText())) {
                                errors.add(at + ": missing " + r.asText());
                            }
                        }
                    }
                    break;
                case "properties":
                    if (v.isObject()) {
                        s.fieldNames().forEachRemaining(p -> {
                            if (v.has(p)) {
                                check(s.get(p), v.get(p), at + "/" + p, errors);
                            }
                        });
                    }
                    break;
                case "additionalProperties":
                    if (v.isObject()) {
                        JsonNode declared = schema.path("properties");
                        v.fieldNames().forEachRemaining(p -> {
                            if (!declared.has(p)) {
                                if (s.isBoolean() && !s.asBoolean()) {
                                    errors.add(at + ": unknown property " + p);
                                } else if (!s.isBoolean()) {
                                    check(s, v.get(p), at + "/" + p, errors);
                                }
                            }
                        });
                    }
                    break;
                case "items":
                    if (v.isArray()) {
                        for (int i = 0; i < v.size(); i++) {
                            check(s, v.get(i), at + "/" + i, errors);
                        }
                    }
                    break;
                case "allOf":
                    for (JsonNode sub : s) {
                        check(sub, v, at, errors);
                    }
                    break;
                case "anyOf":
                case "oneOf": {
                    int passing = 0;
                    for (JsonNode sub : s) {
                        passing += valid(sub, v) ? 1 : 0;
                    }
                    if (passing == 0 || (k.equals("oneOf") && passing > 1)) {
                        errors.add(at + ": " + passing + " of the " + k + " alternatives match");
                    }
                    break;
                }
                case "not":
                    if (valid(s, v)) {
                        errors.add(at + ": matches a 'not' schema " + s);
                    }
                    break;
                case "if": {
                    JsonNode branch = valid(s, v) ? schema.get("then") : schema.get("else");
                    if (branch != null) {
                        check(branch, v, at, errors);
                    }
                    break;
                }
                default:
                    if (!ANNOTATIONS.contains(k)) {
                        throw new IllegalArgumentException("schema keyword '" + k + "' is not supported by MiniSchema");
                    }
            }
        }
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are supported: " + ref);
        }
        JsonNode n = root.at(ref.substring(1));
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("unresolved reference " + ref);
        }
        return n;
    }

    private static boolean hasType(JsonNode v, String type) {
        switch (type) {
            case "object": return v.isObject();
            case "array": return v.isArray();
            case "string": return v.isTextual();
            case "integer": return v.isIntegralNumber();
            case "number": return v.isNumber();
            case "boolean": return v.isBoolean();
            case "null": return v.isNull();
            default: throw new IllegalArgumentException("unknown type " + type);
        }
    }
}
