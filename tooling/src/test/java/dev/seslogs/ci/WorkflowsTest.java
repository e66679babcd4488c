package dev.seslogs.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GitHub workflows are valid YAML that use only real, pinned actions and the project's real commands and stacks. */
class WorkflowsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path WORKFLOWS = Path.of(".github/workflows");
    /** The actions the workflows may use, at the major versions checked against their repositories. */
    private static final Map<String, String> KNOWN_ACTIONS = Map.of(
            "actions/checkout", "v4", "actions/setup-java", "v4", "actions/setup-node", "v4",
            "actions/upload-artifact", "v4", "aws-actions/configure-aws-credentials", "v4", "pulumi/actions", "v6",
            "actions/setup-go", "v5", "actions/cache", "v4");

    private static JsonNode read(String file) throws IOException {
        return YAML.readTree(Files.readString(WORKFLOWS.resolve(file)));
    }

    private static List<JsonNode> all(JsonNode node, String field) {
        var found = new ArrayList<JsonNode>();
        if (node.has(field)) {
            found.add(node.get(field));
        }
        node.forEach(child -> found.addAll(all(child, field)));
        return found;
    }

    @Test
    void everyActionIsKnownAndPinned() throws IOException {
        try (var files = Files.list(WORKFLOWS)) {
            for (var file : files.map(p -> p.getFileName().toString()).toList()) {
                for (var uses : all(read(file), "uses")) {
                    var reference = uses.asText();
                    if (reference.startsWith("./")) {
                        assertTrue(Files.isRegularFile(Path.of(reference)), file + ": " + reference + " does not exist");
                        continue;
                    }
                    var action = reference.substring(0, reference.indexOf('@'));
                    assertEquals(KNOWN_ACTIONS.get(action), reference.substring(reference.indexOf('@') + 1), file + ": " + reference);
                }
            }
        }
    }

    @Test
    void everyScriptTheWorkflowsRunExists() throws IOException {
        var script = Pattern.compile("bash (scripts/[a-z-]+)");
        try (var files = Files.list(WORKFLOWS)) {
            for (var file : files.toList()) {
                var matcher = script.matcher(Files.readString(file));
                var count = 0;
                while (matcher.find()) {
                    assertTrue(Files.isRegularFile(Path.of(matcher.group(1))), file + " runs " + matcher.group(1));
                    count++;
                }
                assertTrue(count > 0 || file.getFileName().toString().equals("deploy.yml"), file + " runs project scripts");
            }
        }
    }

    @Test
    void deploysGoArchiveFirstThenDevThenProdOneAtATime() throws IOException {
        var deploy = read("deploy.yml");
        var jobs = deploy.get("jobs");
        assertEquals(List.of("logarchive", "dev", "prod"), iterate(jobs.fieldNames()));
        assertFalse(jobs.get("logarchive").has("needs"));
        assertEquals("logarchive", jobs.get("dev").get("needs").asText());
        assertEquals("dev", jobs.get("prod").get("needs").asText());
        jobs.fields().forEachRemaining(job -> {
            assertEquals("up", job.getValue().at("/with/command").asText());
            assertEquals(job.getKey(), job.getValue().at("/with/stack").asText());
            assertTrue(Files.isRegularFile(Path.of("Pulumi." + job.getKey() + ".yaml")), "stack file for " + job.getKey());
        });
        assertEquals("false", deploy.at("/concurrency/cancel-in-progress").asText(), "a deploy is never cancelled halfway");
    }

    @Test
    void credentialsComeFromOidcNeverFromKeys() throws IOException {
        var stack = read("pulumi-stack.yml");
        assertEquals("write", stack.at("/permissions/id-token").asText());
        var text = Files.readString(WORKFLOWS.resolve("pulumi-stack.yml")) + Files.readString(WORKFLOWS.resolve("deploy.yml"))
                + Files.readString(WORKFLOWS.resolve("pull-request.yml"));
        assertFalse(text.contains("aws-access-key-id") || text.contains("AWS_SECRET_ACCESS_KEY"), "no long-lived AWS keys");
        var pulumi = all(stack, "uses").stream().filter(u -> u.asText().startsWith("pulumi/actions")).count();
        assertEquals(1, pulumi);
        assertTrue(text.contains("policyPacks: policy"), "real previews and deploys run the policy pack");
    }

    @Test
    void pullRequestsRunTheTestsAndPreviewEveryStack() throws IOException {
        var pr = read("pull-request.yml");
        var text = Files.readString(WORKFLOWS.resolve("pull-request.yml"));
        assertTrue(text.contains("bash scripts/test"));
        var matrix = iterate(pr.at("/jobs/preview/strategy/matrix/stack").elements()).stream().map(JsonNode::asText).toList();
        assertEquals(List.of("logarchive", "dev", "prod"), matrix);
        assertEquals("preview", pr.at("/jobs/preview/with/command").asText());
    }

    private static <T> List<T> iterate(java.util.Iterator<T> iterator) {
        var list = new ArrayList<T>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
