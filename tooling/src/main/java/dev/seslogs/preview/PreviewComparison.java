package dev.seslogs.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares the offline preview's {@code pulumi preview --json} document with the real engine's for
 * the same stack: the same resources (URNs), of the same types, with the same inputs. Where the
 * engine does not know a value yet (an ARN AWS has not assigned), the offline preview's simulated
 * value stands: the engine's unknown matches anything, and is counted.
 *
 * <p>Usage: {@code java -cp target/ses-logs.jar dev.seslogs.preview.PreviewComparison OFFLINE.json ENGINE.json};
 * exits 1 when they differ.
 */
public final class PreviewComparison {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PreviewComparison() {}

    /** What the comparison found: differences (empty when the documents agree) and how much was compared. */
    public record Outcome(List<String> differences, int resources, int inputs, int unknownInEngine) {
        public String summary() {
            return differences.isEmpty()
                    ? "same " + resources + " resources (URNs and types) and " + inputs + " inputs; " + unknownInEngine
                            + " input values not known to the engine before deployment"
                    : differences.size() + " difference(s):\n  " + String.join("\n  ", differences);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PreviewComparison OFFLINE.json ENGINE.json");
            System.exit(2);
        }
        var outcome = compare(
                JSON.readTree(Path.of(args[0]).toFile()),
                JSON.readTree(Path.of(args[1]).toFile()));
        System.out.println(outcome.summary());
        System.exit(outcome.differences().isEmpty() ? 0 : 1);
    }

    public static Outcome compare(JsonNode offline, JsonNode engine) {
        var offlineStates = states(offline);
        var engineStates = states(engine);
        var differences = new ArrayList<String>();
        var urns = new TreeSet<String>(offlineStates.keySet());
        urns.addAll(engineStates.keySet());
        var counts = new int[2];
        for (var urn : urns) {
            var mine = offlineStates.get(urn);
            var theirs = engineStates.get(urn);
            if (mine == null || theirs == null) {
                differences.add((mine == null ? "only the engine previews " : "only the offline preview has ") + urn);
                continue;
            }
            if (!mine.path("type").equals(theirs.path("type"))) {
                differences.add(
                        urn + ": type " + mine.path("type") + " offline, " + theirs.path("type") + " in the engine");
            }
            compareValues(urn + " inputs", mine.path("inputs"), theirs.path("inputs"), differences, counts);
        }
        return new Outcome(differences, urns.size(), counts[0], counts[1]);
    }

    /** Each step's new state by URN; the stack resource's inputs and the engine's default provider are not the program's. */
    private static Map<String, JsonNode> states(JsonNode document) {
        var states = new LinkedHashMap<String, JsonNode>();
        for (var step : document.path("steps")) {
            var state = (step.has("newState") ? step.get("newState") : step.path("oldState")).deepCopy();
            // A component or the stack has no inputs; the engine leaves the field out.
            if (state instanceof com.fasterxml.jackson.databind.node.ObjectNode object && !object.has("inputs")) {
                object.putObject("inputs");
            }
            states.put(step.path("urn").asText(), state);
        }
        return states;
    }

    private static void compareValues(
            String path, JsonNode offline, JsonNode engine, List<String> differences, int[] counts) {
        if (engine.isTextual() && engine.asText().equals(PreviewDigest.UNKNOWN)) {
            counts[0]++;
            counts[1]++;
            return;
        }
        if (offline.isObject() && engine.isObject()) {
            var keys = new TreeSet<String>();
            offline.fieldNames().forEachRemaining(keys::add);
            engine.fieldNames().forEachRemaining(keys::add);
            for (var key : keys) {
                if (!offline.has(key) || !engine.has(key)) {
                    differences.add(path + "." + key
                            + (offline.has(key)
                                    ? " is missing in the engine's preview"
                                    : " is only in the engine's preview"));
                } else {
                    compareValues(path + "." + key, offline.get(key), engine.get(key), differences, counts);
                }
            }
            return;
        }
        if (offline.isArray() && engine.isArray() && offline.size() == engine.size()) {
            for (var i = 0; i < offline.size(); i++) {
                compareValues(path + "[" + i + "]", offline.get(i), engine.get(i), differences, counts);
            }
            return;
        }
        counts[0]++;
        var same = offline.isNumber() && engine.isNumber()
                ? offline.decimalValue().compareTo(engine.decimalValue()) == 0
                : offline.equals(engine);
        if (!same) {
            differences.add(path + ": " + offline + " offline, " + engine + " in the engine");
        }
    }
}
