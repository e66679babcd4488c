package dev.seslogs.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seslogs.events.SesEventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** One SES event record per event type, in the Firehose format (src/test/resources/ses-events/). */
final class SesEventFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The custom message tags the AWS examples use. */
    static final java.util.List<String> EXAMPLE_MESSAGE_TAGS = java.util.List.of("myCustomTag1", "myCustomTag2");

    private SesEventFixtures() {}

    static String fileName(SesEventType type) {
        return type.name().toLowerCase().replace('_', '-') + ".json";
    }

    static String text(SesEventType type) {
        try (var in = SesEventFixtures.class.getClassLoader().getResourceAsStream("ses-events/" + fileName(type))) {
            if (in == null) {
                throw new IllegalStateException("no fixture for " + type);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode record(SesEventType type) {
        try {
            return JSON.readTree(text(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<SesEventType, JsonNode> all() {
        var records = new LinkedHashMap<SesEventType, JsonNode>();
        for (var type : SesEventType.values()) {
            records.put(type, record(type));
        }
        return records;
    }
}
