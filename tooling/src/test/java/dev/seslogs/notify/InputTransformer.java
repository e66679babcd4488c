package dev.seslogs.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge's input transformer and event-pattern matching, for what this program uses of them
 * (EventBridge User Guide, "Amazon EventBridge input transformation" and "Event patterns"):
 * <ul>
 * <li>InputPathsMap values are JSONPath in dot notation with array indices
 *     ({@code $.detail.bounce.bouncedRecipients[0].emailAddress}); names of letters, digits,
 *     dashes and underscores. Wildcards, which EventBridge also accepts, are refused here: the
 *     program uses none;</li>
 * <li>an InputTemplate that is a JSON string ({@code "..."}) gets each {@code <name>} replaced by
 *     the value at its path (a string without its quotes, escaped for the JSON string), and the
 *     target receives that string; a path that matches nothing gives an empty value;</li>
 * <li>a pattern matches when every field it names matches: a list of values matches an equal
 *     value (or, for an array in the event, any element), {@code {"prefix": p}} a string starting
 *     with p; nested objects match nested fields.</li>
 * </ul>
 */
final class InputTransformer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z0-9_-]+)|\\[(\\d+)]");
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.-]+)>");

    /** What the target receives, and the paths that matched nothing in the event. */
    record Rendered(String text, List<String> unmatchedPaths) {}

    private InputTransformer() {}

    static JsonNode select(JsonNode event, String path) {
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException(path + " is not a JSONPath");
        }
        var node = event;
        var rest = path.substring(1);
        Matcher segments = SEGMENT.matcher(rest);
        var at = 0;
        while (at < rest.length()) {
            if (!segments.find(at) || segments.start() != at) {
                throw new IllegalArgumentException(
                        path + ": only dot notation and array indices are modelled, at '" + rest.substring(at) + "'");
            }
            node = segments.group(1) != null
                    ? node.path(segments.group(1))
                    : node.path(Integer.parseInt(segments.group(2)));
            at = segments.end();
        }
        return node;
    }

    static Rendered render(Map<String, String> inputPaths, String template, JsonNode event) {
        if (!(template.startsWith("\"") && template.endsWith("\""))) {
            throw new IllegalArgumentException("only string templates are modelled: " + template);
        }
        var unmatched = new ArrayList<String>();
        var out = new StringBuilder();
        var placeholders = PLACEHOLDER.matcher(template);
        var last = 0;
        while (placeholders.find()) {
            out.append(template, last, placeholders.start());
            var name = placeholders.group(1);
            var path = inputPaths.get(name);
            if (path == null) {
                throw new IllegalArgumentException(
                        "<" + name + "> is not in InputPathsMap (EventBridge refuses the target)");
            }
            var value = select(event, path);
            if (value.isMissingNode() || value.isNull()) {
                unmatched.add(path);
            }
            var text = value.isMissingNode() || value.isNull()
                    ? ""
                    : value.isValueNode() ? value.asText() : value.toString();
            var quoted = JSON.valueToTree(text).toString();
            out.append(quoted, 1, quoted.length() - 1);
            last = placeholders.end();
        }
        out.append(template.substring(last));
        try {
            return new Rendered(JSON.readTree(out.toString()).asText(), unmatched);
        } catch (IOException e) {
            throw new UncheckedIOException("the rendered input is not a JSON string: " + out, e);
        }
    }

    static boolean matches(JsonNode pattern, JsonNode event) {
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            var value = event == null ? MissingNode.getInstance() : event.path(field.getKey());
            var expected = field.getValue();
            if (expected.isObject()) {
                if (!matches(expected, value)) {
                    return false;
                }
            } else if (expected.isArray()) {
                if (!anyMatches(expected, value)) {
                    return false;
                }
            } else {
                throw new IllegalArgumentException("a pattern's leaves are arrays: " + field);
            }
        }
        return true;
    }

    private static boolean anyMatches(JsonNode alternatives, JsonNode value) {
        if (value.isArray()) {
            for (var element : value) {
                if (anyMatches(alternatives, element)) {
                    return true;
                }
            }
            return false;
        }
        for (var alternative : alternatives) {
            if (alternative.isObject() && alternative.has("prefix")) {
                if (value.isTextual()
                        && value.asText().startsWith(alternative.get("prefix").asText())) {
                    return true;
                }
            } else if (alternative.isObject()) {
                throw new IllegalArgumentException("content filter " + alternative + " is not modelled");
            } else if (alternative.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
