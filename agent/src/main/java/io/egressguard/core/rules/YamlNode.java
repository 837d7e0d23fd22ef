package io.egressguard.core.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where every node and key is, so that each mistake in a
 * rule file can be reported as {@code file:line:column}. Jackson's own tree forgets locations.
 */
final class YamlNode {

    enum Kind { MAP, LIST, SCALAR, NULL }

    /** A key of a map, with its own location. */
    static final class Key {
        final String name;
        final int line;
        final int column;

        Key(String name, int line, int column) {
            this.name = name;
            this.line = line;
            this.column = column;
        }
    }

    final Kind kind;
    final int line;
    final int column;
    /** For scalars, how YAML typed the value: a string, a number or a boolean. */
    private final JsonToken token;
    private final String scalar;
    private final Map<String, YamlNode> map;
    private final Map<String, Key> keys;
    private final List<YamlNode> list;

    private YamlNode(Kind kind, int line, int column, JsonToken token, String scalar, Map<String, YamlNode> map,
            Map<String, Key> keys, List<YamlNode> list) {
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.token = token;
        this.scalar = scalar;
        this.map = map;
        this.keys = keys;
        this.list = list;
    }

    /** The text of a scalar as written (without quotes), whatever its type. */
    String scalar() {
        return scalar;
    }

    /** A scalar YAML reads as a string: quoted, or plain text that is not a number or a boolean. */
    boolean isString() {
        return kind == Kind.SCALAR && token == JsonToken.VALUE_STRING;
    }

    /** A scalar YAML reads as a whole number, written without quotes. */
    boolean isInteger() {
        return kind == Kind.SCALAR && token == JsonToken.VALUE_NUMBER_INT;
    }

    Map<String, YamlNode> map() {
        return map == null ? Collections.emptyMap() : map;
    }

    Key key(String name) {
        return keys.get(name);
    }

    List<YamlNode> list() {
        return list == null ? Collections.emptyList() : list;
    }

    String describeKind() {
        switch (kind) {
            case MAP: return "a mapping";
            case LIST: return "a list";
            case NULL: return "empty";
            default:
                if (token == JsonToken.VALUE_STRING) {
                    // a message is one line: a long value (or a pasted secret) is shown by its start only
                    return "'" + (scalar.length() > 24 ? scalar.substring(0, 8) + "...' (" + scalar.length()
                            + " characters)" : scalar + "'");
                }
                return (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE ? "the boolean " : "the number ")
                        + scalar;
        }
    }

    /** Problems found while reading (duplicate keys); syntax errors throw instead. */
    static final class Parsed {
        final YamlNode root;
        final List<String[]> duplicateKeys; // {name, line, column}

        Parsed(YamlNode root, List<String[]> duplicateKeys) {
            this.root = root;
            this.duplicateKeys = duplicateKeys;
        }
    }

    static Parsed parse(Reader reader) throws IOException {
        YAMLFactory factory = YAMLFactory.builder().build();
        List<String[]> duplicates = new ArrayList<>();
        try (JsonParser p = factory.createParser(reader)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Parsed(new YamlNode(Kind.NULL, 1, 1, null, null, null, null, null), duplicates);
            }
            YamlNode root = read(p, duplicates);
            return new Parsed(root, duplicates);
        }
    }

    private static YamlNode read(JsonParser p, List<String[]> duplicates) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, YamlNode> map = new LinkedHashMap<>();
                Map<String, Key> keys = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation kl = p.currentTokenLocation();
                    String name = p.currentName();
                    p.nextToken();
                    YamlNode value = read(p, duplicates);
                    if (map.containsKey(name)) {
                        duplicates.add(new String[] {name, String.valueOf(kl.getLineNr()), String.valueOf(kl.getColumnNr())});
                        continue;
                    }
                    map.put(name, value);
                    keys.put(name, new Key(name, kl.getLineNr(), kl.getColumnNr()));
                }
                return new YamlNode(Kind.MAP, line, col, null, null, map, keys, null);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, duplicates));
                }
                return new YamlNode(Kind.LIST, line, col, null, null, null, null, items);
            }
            case VALUE_NULL:
                return new YamlNode(Kind.NULL, line, col, null, null, null, null, null);
            default:
                return new YamlNode(Kind.SCALAR, line, col, t, p.getText(), null, null, null);
        }
    }
}
