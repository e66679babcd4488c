package dev.seslogs.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only faults for {@link SimulatedAwsProvider} (its {@code --faults FILE} option; nothing in
 * the program can reach it): AWS errors by resource type, operation and attempt, slow operations,
 * changes made outside Pulumi (drift) and resources deleted by hand. The file is read again on
 * every call, so a test edits it between (or during) runs of the engine.
 *
 * <pre>{@code
 * {"errors": [{"type": "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination",
 *              "operation": "create", "attempts": [1], "statusCode": 400,
 *              "awsOperation": "SESv2: CreateConfigurationSetEventDestination",
 *              "resource": "Amazon SESv2 (Simple Email V2) Configuration Set Event Destination", "resourceId": "ses-logs|firehose",
 *              "code": "BadRequestException", "message": "Could not assume IAM role <arn:aws:iam::111111111111:role/r>."}],
 *  "delays":  [{"type": "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "operation": "create", "millis": 20000}],
 *  "drift":   [{"type": "aws:cloudwatch/metricAlarm:MetricAlarm", "name": "log-delivery-stale", "set": {"threshold": 3600}}],
 *  "gone":    [{"typePrefix": "aws:s3/", "id": "ses-logs-111111111111-eu-west-1"}]}
 * }</pre>
 *
 * <p>{@code attempts} counts the calls of that operation on that resource (by URN) since the
 * provider started, from 1; without it every attempt fails. Drift applies to what Read returns
 * until Pulumi writes the resource again (an update or create restores it, as in AWS); a gone
 * resource reads as missing until it is created again.
 */
public final class Faults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Path> file;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    /** Resources Pulumi wrote since a drift or deletion was injected: AWS holds the program's values again. */
    private final Set<String> rewritten = ConcurrentHashMap.newKeySet();

    public Faults(Optional<Path> file) {
        this.file = file;
    }

    public static Faults none() {
        return new Faults(Optional.empty());
    }

    /** An AWS error as the AWS provider reports it: its own action, then the SDK's "operation error" with AWS's code and message. */
    public static final class InjectedAwsError extends RuntimeException {
        InjectedAwsError(String message) {
            super(message);
        }
    }

    private JsonNode document() {
        if (file.isEmpty() || !Files.exists(file.get())) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(Files.readString(file.get()));
        } catch (IOException e) {
            throw new UncheckedIOException("the faults file " + file.get() + " is not JSON", e);
        }
    }

    private static boolean matches(JsonNode entry, String type, String urn, String id) {
        if (entry.has("type") && !entry.get("type").asText().equals(type)) {
            return false;
        }
        if (entry.has("typePrefix") && !type.startsWith(entry.get("typePrefix").asText())) {
            return false;
        }
        if (entry.has("name") && !entry.get("name").asText().equals(urn.substring(urn.lastIndexOf("::") + 2))) {
            return false;
        }
        return !entry.has("id") || entry.get("id").asText().equals(id);
    }

    /**
     * Called before the provider performs {@code operation} (create, update, delete, read) on a
     * resource: sleeps for a configured delay, then throws the configured AWS error for this attempt.
     */
    public void before(String operation, String type, String urn, String id) {
        var document = document();
        var attempt = attempts.merge(operation + " " + urn, 1, Integer::sum);
        for (var delay : document.path("delays")) {
            if (delay.path("operation").asText(operation).equals(operation) && matches(delay, type, urn, id)) {
                try {
                    Thread.sleep(delay.path("millis").asLong(0));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (var error : document.path("errors")) {
            if (!error.path("operation").asText().equals(operation) || !matches(error, type, urn, id)) {
                continue;
            }
            var failing = error.path("attempts");
            var fails = failing.isMissingNode() || failing.isEmpty();
            for (var n : failing) {
                fails |= n.asInt() == attempt;
            }
            if (fails) {
                throw new InjectedAwsError(message(operation, type, urn, id, error));
            }
        }
    }

    /** terraform-provider-aws's "creating X (id): operation error Service: Action, https response error StatusCode: N, RequestID: R, Code: message". */
    private static String message(String operation, String type, String urn, String id, JsonNode error) {
        var verb =
                switch (operation) {
                    case "create" -> "creating";
                    case "update" -> "updating";
                    case "delete" -> "deleting";
                    default -> "reading";
                };
        // The provider's own name of the resource and its id, where the entry gives them (as the provider prints them).
        var resource = error.path("resource").asText(type.substring(type.lastIndexOf(':') + 1));
        var name = error.path("resourceId").asText(id.isEmpty() ? urn.substring(urn.lastIndexOf("::") + 2) : id);
        return verb + " " + resource + " (" + name + "): operation error "
                + error.path("awsOperation").asText("AWS")
                + ", https response error StatusCode: "
                + error.path("statusCode").asInt(400)
                + ", RequestID: 00000000-0000-4000-8000-" + String.format("%012d", Math.abs(urn.hashCode()))
                + ", " + error.path("code").asText("InternalFailure") + ": "
                + error.path("message").asText("");
    }

    /** Pulumi wrote this resource (create or update): AWS holds what the program asked for again. */
    public void written(String urn) {
        rewritten.add(urn);
    }

    /** The resource was deleted by hand and Pulumi has not created it again. */
    public boolean gone(String type, String urn, String id) {
        if (rewritten.contains(urn)) {
            return false;
        }
        for (var entry : document().path("gone")) {
            if (matches(entry, type, urn, id)) {
                return true;
            }
        }
        return false;
    }

    /** {@code properties} with the values changed outside Pulumi, at their dotted paths (a number in a path indexes a list). */
    public Map<String, Object> drifted(String type, String urn, String id, Map<String, Object> properties) {
        if (rewritten.contains(urn)) {
            return properties;
        }
        Map<String, Object> result = properties;
        for (var entry : document().path("drift")) {
            if (!matches(entry, type, urn, id)) {
                continue;
            }
            result = deepCopy(result);
            var changes = entry.path("set").fields();
            while (changes.hasNext()) {
                var change = changes.next();
                set(result, change.getKey().split("\\."), JSON.convertValue(change.getValue(), Object.class));
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        return (Map<String, Object>) copy(map);
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> copy.put((String) k, copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            var copy = new ArrayList<Object>();
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static void set(Object container, String[] path, Object value) {
        var current = container;
        for (var i = 0; i < path.length; i++) {
            var last = i == path.length - 1;
            if (current instanceof Map<?, ?> map) {
                var m = (Map<String, Object>) map;
                if (last) {
                    m.put(path[i], value);
                } else {
                    current = m.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
                }
            } else if (current instanceof List<?> list) {
                var l = (List<Object>) list;
                var index = Integer.parseInt(path[i]);
                if (last) {
                    l.set(index, value);
                } else {
                    current = l.get(index);
                }
            } else {
                throw new IllegalArgumentException("drift path " + String.join(".", path) + " does not exist");
            }
        }
    }
}
