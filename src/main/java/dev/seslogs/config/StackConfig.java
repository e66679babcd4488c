package dev.seslogs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The raw configuration of one stack: every {@code namespace:key} with its value as the string
 * the Pulumi engine hands the program (structured values as JSON text).
 *
 * <p>Why not {@code ctx.config()}: the SDK's {@code Config} can only look keys up, not list
 * them, so it cannot tell us that {@code ses-logs:retentionDay} is a typo. The language host
 * passes the whole configuration in the {@code PULUMI_CONFIG} environment variable, which is
 * exactly what the SDK's {@code Config} reads; we read the same document.
 */
public final class StackConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> values;

    private StackConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Keys are {@code namespace:key}; the legacy {@code namespace:config:key} form is accepted too. */
    public static StackConfig of(Map<String, String> values) {
        var cleaned = new TreeMap<String, String>();
        values.forEach((key, value) -> cleaned.put(cleanKey(key), value));
        return new StackConfig(cleaned);
    }

    public static StackConfig fromEnvironment() {
        var document = System.getenv("PULUMI_CONFIG");
        if (document == null || document.isBlank()) {
            return of(Map.of());
        }
        try {
            return of(JSON.readValue(document, new TypeReference<Map<String, String>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "PULUMI_CONFIG is not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }

    public Optional<String> get(String namespace, String key) {
        return Optional.ofNullable(values.get(namespace + ":" + key));
    }

    /** The keys set under one namespace, without the namespace. */
    public Set<String> keysIn(String namespace) {
        var keys = new TreeSet<String>();
        for (var key : values.keySet()) {
            if (key.startsWith(namespace + ":")) {
                keys.add(key.substring(namespace.length() + 1));
            }
        }
        return keys;
    }

    public Map<String, String> asMap() {
        return values;
    }

    private static String cleanKey(String key) {
        var parts = key.split(":", -1);
        if (parts.length == 3 && parts[1].equals("config")) {
            return parts[0] + ":" + parts[2];
        }
        return key;
    }
}
