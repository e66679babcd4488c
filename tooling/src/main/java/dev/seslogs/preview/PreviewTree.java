package dev.seslogs.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seslogs.simulation.DeclaredResource;
import dev.seslogs.simulation.StackSimulation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The resource tree and summary as {@code pulumi preview} prints them for a first deployment. */
public final class PreviewTree {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PreviewTree() {}

    /** {@code aws:s3/bucketV2:BucketV2} is shown as {@code aws:s3:BucketV2}, as the CLI does. */
    static String displayType(String type) {
        var parts = type.split(":");
        if (parts.length == 3 && parts[1].contains("/")) {
            return parts[0] + ":" + parts[1].substring(0, parts[1].indexOf('/')) + ":" + parts[2];
        }
        return type;
    }

    public static String render(String stack, StackSimulation.Result result) {
        var children = new LinkedHashMap<String, List<DeclaredResource>>();
        DeclaredResource root = null;
        for (var resource : result.resources()) {
            if (resource.parentUrn().isEmpty()) {
                root = resource;
            } else {
                children.computeIfAbsent(resource.parentUrn(), k -> new ArrayList<>())
                        .add(resource);
            }
        }
        var rows = new ArrayList<String[]>();
        if (root != null) {
            addRows(root, "", "", children, rows);
        }
        var typeWidth = rows.stream().mapToInt(r -> r[1].length()).max().orElse(4);
        var nameWidth = rows.stream().mapToInt(r -> r[2].length()).max().orElse(4);
        var out = new StringBuilder();
        out.append(String.format(" %-3s %-" + typeWidth + "s  %-" + nameWidth + "s  %s%n", "", "Type", "Name", "Plan"));
        for (var row : rows) {
            out.append(String.format(
                    " %-3s %-" + typeWidth + "s  %-" + nameWidth + "s  %s%n", row[0], row[1], row[2], row[3]));
        }
        out.append("\nOutputs:\n");
        result.exports().forEach((key, value) -> out.append("    ")
                .append(key)
                .append(": ")
                .append(show(value))
                .append('\n'));
        out.append("\nResources:\n");
        var counts = new LinkedHashMap<String, Integer>();
        if (PreviewDigest.needsDefaultProvider(result)) {
            // The engine's default AWS provider is a resource of the plan too, as in `pulumi preview`.
            counts.put("create", 1);
        }
        result.resources().stream()
                .filter(r -> !r.read())
                .forEach(r -> counts.merge(PreviewDigest.operation(r), 1, Integer::sum));
        counts.forEach((op, n) -> out.append("    ")
                .append(op.equals("create") ? "+ " : "= ")
                .append(n)
                .append(op.equals("create") ? " to create" : " to import")
                .append('\n'));
        out.append("    ")
                .append(counts.values().stream().mapToInt(Integer::intValue).sum())
                .append(" changes\n");
        return out.toString();
    }

    private static void addRows(
            DeclaredResource resource,
            String indent,
            String branch,
            Map<String, List<DeclaredResource>> children,
            List<String[]> rows) {
        var op = PreviewDigest.operation(resource);
        var symbol =
                switch (op) {
                    case "create" -> "+";
                    case "import" -> "=";
                    default -> ">";
                };
        rows.add(new String[] {symbol, indent + branch + displayType(resource.type()), resource.name(), op});
        var kids = children.getOrDefault(resource.urn(), List.of());
        var childIndent = branch.isEmpty() ? indent : indent + (branch.startsWith("└") ? "   " : "│  ");
        for (var i = 0; i < kids.size(); i++) {
            addRows(kids.get(i), childIndent, i == kids.size() - 1 ? "└─ " : "├─ ", children, rows);
        }
    }

    private static String show(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
