package dev.seslogs.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The offline preview against the real engine's first preview of dev (policy/test-fixtures/previews). */
class PreviewComparisonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PREVIEWS = Path.of("policy/test-fixtures/previews");

    private static JsonNode read(String name) throws IOException {
        return JSON.readTree(PREVIEWS.resolve(name).toFile());
    }

    private static ObjectNode inputsOf(JsonNode document, String urnSuffix) {
        for (var step : document.get("steps")) {
            if (step.get("urn").asText().endsWith(urnSuffix)) {
                return (ObjectNode) step.at("/newState/inputs");
            }
        }
        throw new AssertionError("no " + urnSuffix);
    }

    @Test
    void theOfflinePreviewAgreesWithTheEngineWhereTheEngineKnowsTheValue() throws IOException {
        var outcome = PreviewComparison.compare(read("dev.json"), read("engine-dev.json"));
        assertEquals(java.util.List.of(), outcome.differences());
        assertTrue(outcome.resources() > 50, outcome.summary());
        assertTrue(outcome.unknownInEngine() > 0, "the engine's first preview knows no ARNs");
    }

    @Test
    void aDifferentInputOrAMissingResourceIsADifference() throws IOException {
        var offline = read("dev.json");
        ((ObjectNode) inputsOf(offline, "::log-bucket-lifecycle")
                        .withArray("rules")
                        .get(0)
                        .get("expiration"))
                .put("days", 36);
        var outcome = PreviewComparison.compare(offline, read("engine-dev.json"));
        assertEquals(1, outcome.differences().size(), outcome.summary());
        assertTrue(outcome.differences().get(0).contains("log-bucket-lifecycle"), outcome.summary());

        var engine = read("engine-dev.json");
        var steps = (com.fasterxml.jackson.databind.node.ArrayNode) engine.get("steps");
        steps.remove(steps.size() - 1);
        assertTrue(PreviewComparison.compare(read("dev.json"), engine).differences().stream()
                .anyMatch(d -> d.startsWith("only the offline preview has")));
    }
}
