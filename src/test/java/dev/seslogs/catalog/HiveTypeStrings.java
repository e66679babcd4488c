package dev.seslogs.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a Glue/Hive column type string back into a {@link HiveType} tree, with the grammar Hive's
 * {@code TypeInfoUtils} accepts for the types the table uses: {@code array<T>}, {@code map<K,V>},
 * {@code struct<name:T,...>} and primitives. Field names must be plain identifiers: a name such as
 * {@code ses:source-ip} makes the string ambiguous, which is why the SerDe's mapping exists.
 */
final class HiveTypeStrings {
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PRIMITIVE = Pattern.compile("string|boolean|tinyint|smallint|int|bigint|float|double|timestamp|date");

    private final String text;
    private int position;

    private HiveTypeStrings(String text) {
        this.text = text;
    }

    static HiveType parse(String text) {
        var parser = new HiveTypeStrings(text);
        var type = parser.type();
        if (parser.position != text.length()) {
            throw parser.error("unexpected text after the type");
        }
        return type;
    }

    private HiveType type() {
        var name = word();
        switch (name) {
            case "array" -> {
                expect('<');
                var element = type();
                expect('>');
                return new HiveType.Array(element);
            }
            case "map" -> {
                expect('<');
                var key = type();
                expect(',');
                var value = type();
                expect('>');
                return new HiveType.MapOf(key, value);
            }
            case "struct" -> {
                expect('<');
                var fields = new ArrayList<HiveType.Field>();
                do {
                    var fieldName = word();
                    if (!IDENTIFIER.matcher(fieldName).matches()) {
                        throw error("field name '" + fieldName + "' is not an identifier");
                    }
                    expect(':');
                    fields.add(new HiveType.Field(fieldName, type()));
                } while (accept(','));
                expect('>');
                return new HiveType.Struct(List.copyOf(fields));
            }
            default -> {
                if (!PRIMITIVE.matcher(name).matches()) {
                    throw error("unknown type '" + name + "'");
                }
                return new HiveType.Primitive(name);
            }
        }
    }

    private String word() {
        var start = position;
        while (position < text.length() && "<>,:".indexOf(text.charAt(position)) < 0) {
            position++;
        }
        if (start == position) {
            throw error("expected a name");
        }
        return text.substring(start, position);
    }

    private boolean accept(char c) {
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at " + position + " in " + text);
    }
}
