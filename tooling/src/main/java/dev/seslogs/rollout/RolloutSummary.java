package dev.seslogs.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The end of a rollout: per stack, the changes planned and made (counts by operation), policy
 * violations, duration and outcome; as a table for people and as JSON for CI ({@code --json}).
 */
public record RolloutSummary(boolean up, Instant started, double seconds, List<StackResult> stacks) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** True when every stack previewed or rolled out (or was rightly left alone). */
    public boolean ok() {
        return stacks.stream().allMatch(stack -> stack.outcome().ok());
    }

    public Optional<StackResult> stack(String name) {
        return stacks.stream().filter(stack -> stack.name().equals(name)).findFirst();
    }

    public String table() {
        var rows = new java.util.ArrayList<String[]>();
        rows.add(new String[] {
            "stack",
            "topology",
            "refresh drift",
            up ? "planned" : "planned (preview)",
            "made",
            "policy",
            "seconds",
            "result"
        });
        for (var stack : stacks) {
            rows.add(new String[] {
                stack.name(),
                stack.topology() + (stack.dependsOn().isEmpty() ? "" : " of " + String.join(",", stack.dependsOn())),
                stack.drift().isEmpty() ? "-" : Rollout.counts(stack.drift()),
                stack.planned().isEmpty() ? "-" : Rollout.counts(stack.planned()),
                stack.made().isEmpty() ? "-" : Rollout.counts(stack.made()),
                stack.policyViolations().isEmpty()
                        ? "0"
                        : stack.mandatoryViolations() + " mandatory, "
                                + (stack.policyViolations().size() - stack.mandatoryViolations()) + " advisory",
                String.format("%.0f", stack.seconds()),
                stack.outcome().label(),
            });
        }
        var widths = new int[rows.get(0).length];
        rows.forEach(row -> {
            for (var i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        var text = new StringBuilder();
        for (var row : rows) {
            for (var i = 0; i < row.length; i++) {
                text.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            text.append('\n');
        }
        for (var stack : stacks) {
            stack.reasonIfAny().ifPresent(reason -> text.append(stack.name())
                    .append(": ")
                    .append(stack.outcome().label())
                    .append(": ")
                    .append(reason)
                    .append('\n'));
        }
        var failed = stacks.stream()
                .filter(stack -> !stack.outcome().ok())
                .map(StackResult::name)
                .toList();
        text.append(String.format(
                "rollout %s: %d stack(s), %s, %.0f s%n",
                up ? "up" : "preview",
                stacks.size(),
                failed.isEmpty() ? "all ok" : failed.size() + " not ok (" + String.join(", ", failed) + ")",
                seconds));
        return text.toString();
    }

    public ObjectNode json() {
        var document = JSON.createObjectNode();
        document.put("mode", up ? "up" : "preview");
        document.put("started", started.toString());
        document.put("seconds", seconds);
        document.put("ok", ok());
        var list = document.putArray("stacks");
        for (var stack : stacks) {
            var node = list.addObject();
            node.put("name", stack.name());
            node.put("topology", stack.topology());
            node.put("selected", stack.selected());
            node.set("dependsOn", JSON.valueToTree(stack.dependsOn()));
            node.put("result", stack.outcome().name().toLowerCase());
            node.put("ok", stack.outcome().ok());
            node.put("reason", stack.reason());
            node.set("drift", JSON.valueToTree(stack.drift()));
            node.set("planned", JSON.valueToTree(stack.planned()));
            node.set("made", JSON.valueToTree(stack.made()));
            node.put("changeCount", StackResult.changeCount(stack.planned()));
            node.set("changes", JSON.valueToTree(stack.changes()));
            node.put("mandatoryViolations", stack.mandatoryViolations());
            node.set("policyViolations", JSON.valueToTree(stack.policyViolations()));
            node.put("startedAt", stack.startedAt().toString());
            node.put("seconds", stack.seconds());
        }
        return document;
    }

    public void writeJson(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        JSON.writeValue(file.toFile(), json());
    }
}
