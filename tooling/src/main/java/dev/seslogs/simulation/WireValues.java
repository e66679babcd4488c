package dev.seslogs.simulation;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Property values as the Pulumi engine sends them to a provider (protobuf {@code Struct}) and as
 * {@link SimulatedAws} reads them (maps, lists, strings, doubles, booleans). The provider tells
 * the engine it accepts neither secrets nor resource references, so the only special value is
 * the engine's marker for a value not known before deployment ({@link RecordingMonitor#UNKNOWN}).
 */
final class WireValues {
    private WireValues() {}

    static Map<String, Object> toJava(Struct struct) {
        var map = new LinkedHashMap<String, Object>();
        struct.getFieldsMap().forEach((key, value) -> map.put(key, toJava(value)));
        return map;
    }

    static Object toJava(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case BOOL_VALUE -> value.getBoolValue();
            case NUMBER_VALUE -> value.getNumberValue();
            case STRING_VALUE -> value.getStringValue();
            case LIST_VALUE -> value.getListValue().getValuesList().stream()
                    .map(WireValues::toJava)
                    .toList();
            case STRUCT_VALUE -> toJava(value.getStructValue());
        };
    }

    static Struct toStruct(Map<String, ?> map) {
        var struct = Struct.newBuilder();
        map.forEach((key, value) -> {
            if (value != null) {
                struct.putFields(key, toValue(value));
            }
        });
        return struct.build();
    }

    static Value toValue(Object value) {
        if (value == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (value instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (value instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (value instanceof Map<?, ?> map) {
            var fields = new LinkedHashMap<String, Object>();
            map.forEach((key, element) -> fields.put(String.valueOf(key), element));
            return Value.newBuilder().setStructValue(toStruct(fields)).build();
        }
        if (value instanceof List<?> list) {
            var values = ListValue.newBuilder();
            list.forEach(element -> values.addValues(toValue(element)));
            return Value.newBuilder().setListValue(values).build();
        }
        return Value.newBuilder().setStringValue(String.valueOf(value)).build();
    }

    /** Whether a value is, or holds anywhere, a value the engine does not know yet. */
    static boolean containsUnknown(Object value) {
        if (RecordingMonitor.UNKNOWN.equals(value)) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(WireValues::containsUnknown);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(WireValues::containsUnknown);
        }
        return false;
    }

    /** The value with every unknown replaced by {@code stand-in}, so that AWS's computations can run in a preview. */
    static Object withUnknownsAs(Object value, String standIn) {
        if (RecordingMonitor.UNKNOWN.equals(value)) {
            return standIn;
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<String, Object>();
            map.forEach((key, element) -> copy.put(String.valueOf(key), withUnknownsAs(element, standIn)));
            return copy;
        }
        if (value instanceof List<?> list) {
            var copy = new ArrayList<Object>();
            list.forEach(element -> copy.add(withUnknownsAs(element, standIn)));
            return copy;
        }
        return value;
    }
}
