package dev.seslogs.catalog;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenX JSON SerDe's field-matching rules, as Trino's native reader implements them
 * ({@code io.trino.hive.formats.line.openxjson.OpenXJsonDeserializer} and {@code OpenXJsonOptions};
 * the rcongiu SerDe passes the same options to every nested struct inspector too):
 * <ul>
 *   <li>{@code case.insensitive} (default true): struct field names and JSON keys match ignoring case;</li>
 *   <li>{@code mapping.<field>=<key>}: a struct field whose lower-cased name equals {@code <field>}
 *       reads JSON key {@code <key>} instead. It is a rename by field name, applied in every struct
 *       at every depth, not a path;</li>
 *   <li>JSON keys no field matches are dropped silently; missing keys read as null;</li>
 *   <li>a scalar where an array is declared reads as a one-element array.</li>
 * </ul>
 * This is a model to test the table definition against, not Athena: only Athena can confirm it.
 */
final class OpenXJsonRules {
    private final Map<String, String> fieldToKey = new LinkedHashMap<>();
    private final boolean caseInsensitive;

    OpenXJsonRules(Map<String, String> serdeParameters) {
        caseInsensitive = !"false".equalsIgnoreCase(serdeParameters.getOrDefault("case.insensitive", "true"));
        serdeParameters.forEach((key, value) -> {
            if (key.startsWith("mapping.")) {
                fieldToKey.put(key.substring("mapping.".length()), caseInsensitive ? value.toLowerCase(Locale.ROOT) : value);
            }
        });
    }

    /** The row as Athena would see it: structs as maps keyed by lower-case field name. */
    Object read(JsonNode value, HiveType type) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (type instanceof HiveType.Struct struct) {
            var row = new LinkedHashMap<String, Object>();
            for (var field : struct.fields()) {
                var name = field.name().toLowerCase(Locale.ROOT);
                row.put(name, read(member(value, fieldToKey.getOrDefault(name, name)), field.type()));
            }
            return row;
        }
        if (type instanceof HiveType.MapOf map) {
            var entries = new LinkedHashMap<String, Object>();
            value.fields().forEachRemaining(e -> entries.put(caseInsensitive ? e.getKey().toLowerCase(Locale.ROOT) : e.getKey(), read(e.getValue(), map.value())));
            return entries;
        }
        if (type instanceof HiveType.Array array) {
            var elements = new ArrayList<Object>();
            if (value.isArray()) {
                value.forEach(element -> elements.add(read(element, array.element())));
            } else {
                elements.add(read(value, array.element()));
            }
            return elements;
        }
        return value.isNumber() ? (Object) value.numberValue() : value.isBoolean() ? (Object) value.booleanValue() : value.asText();
    }

    private JsonNode member(JsonNode object, String key) {
        if (!object.isObject()) {
            return null;
        }
        var fields = object.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (caseInsensitive ? entry.getKey().equalsIgnoreCase(key) : entry.getKey().equals(key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** {@code mail.tags.ses_source_ip} of a row, resolved the way Athena resolves names (ignoring case). */
    @SuppressWarnings("unchecked")
    static Object dereference(Object row, List<String> chain) {
        var current = row;
        for (var segment : chain) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(segment.toLowerCase(Locale.ROOT));
        }
        return current;
    }
}
