package dev.seslogs.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;

/**
 * JSON text an AWS resource takes as a string input (an EventBridge event pattern, a dashboard
 * body), with every object's keys written sorted: a {@code Map.of} iterates in an order that
 * changes from one JVM run to the next, and a string that changes between runs would make every
 * {@code pulumi up} update the resource (found twice by comparing the offline preview with the
 * real engine's preview, two runs of the program).
 */
public final class StableJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private StableJson() {}

    public static String toJson(Map<String, ?> pattern) {
        try {
            return JSON.writeValueAsString(pattern);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
