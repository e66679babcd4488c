package dev.seslogs.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.Map;

/**
 * An EventBridge event pattern as the JSON string a rule takes. Its keys are written sorted: a
 * {@code Map.of} iterates in an order that changes from one JVM run to the next, and a pattern
 * string that changes between runs would make every {@code pulumi up} update the rule (found by
 * comparing the offline preview with the real engine's, two runs of the program).
 */
public final class EventPattern {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private EventPattern() {
    }

    public static String toJson(Map<String, ?> pattern) {
        try {
            return JSON.writeValueAsString(pattern);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
