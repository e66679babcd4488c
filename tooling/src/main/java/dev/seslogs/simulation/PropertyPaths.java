package dev.seslogs.simulation;

import java.util.List;
import java.util.Map;

/** Reads nested resource properties by dotted path; a numeric segment indexes a list. */
public final class PropertyPaths {
    private PropertyPaths() {}

    public static Object get(Map<String, Object> properties, String path) {
        Object current = properties;
        for (var segment : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(segment);
            } else if (current instanceof List<?> list && segment.chars().allMatch(Character::isDigit)) {
                var index = Integer.parseInt(segment);
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return current;
    }
}
