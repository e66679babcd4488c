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
    void deploysRollEveryStackOutWithOneCommandOneAtATime() throws IOException {
        var deploy = read("deploy.yml");
        var jobs = deploy.get("jobs");
        assertEquals(List.of("rollout"), iterate(jobs.fieldNames()), "one job: the rollout orders the stacks, not the workflow");
        var rollout = jobs.get("rollout");
        assertEquals("./.github/workflows/rollout.yml", rollout.get("uses").asText());
        assertTrue(rollout.at("/with/up").asBoolean(), "deploys run up");
        assertTrue(rollout.at("/with/stacks").isMissingNode(), "every stack file, none listed by hand");
        assertEquals("false", deploy.at("/concurrency/cancel-in-progress").asText(), "a deploy is never cancelled halfway");
        var text = Files.readString(WORKFLOWS.resolve("rollout.yml"));
        assertTrue(text.contains("bash scripts/rollout $UP"), "rollout.yml runs the rollout command, with --up when asked");
        assertFalse(text.contains("--policy-pack"), "the rollout runs with its default pack, policy/");
    }

    @Test
    void credentialsComeFromOidcNeverFromKeys() throws IOException {
        var stack = read("rollout.yml");
        assertEquals("write", stack.at("/permissions/id-token").asText());
        var text = Files.readString(WORKFLOWS.resolve("rollout.yml")) + Files.readString(WORKFLOWS.resolve("deploy.yml"))
                + Files.readString(WORKFLOWS.resolve("pull-request.yml"));
        assertFalse(text.contains("aws-access-key-id") || text.contains("AWS_SECRET_ACCESS_KEY"), "no long-lived AWS keys");
        var pulumi = all(stack, "uses").stream().filter(u -> u.asText().startsWith("pulumi/actions")).toList();
        assertEquals(1, pulumi.size());
        var install = all(stack, "steps").get(0).findParents("uses").stream()
                .filter(step -> step.get("uses").asText().startsWith("pulumi/actions")).findFirst().orElseThrow();
        assertTrue(install.at("/with/command").isMissingNode(), "pulumi/actions only installs the CLI");
        assertEquals("3.270.0", install.at("/with/pulumi-version").asText());
        assertTrue(stack.at("/jobs/rollout/environment").asText().contains("'rollout'"), "deploys run in the environment rollout");
    }

    @Test
    void pullRequestsRunTheTestsAndRollEveryStackOutOfflineAndPreviewIt() throws IOException {
        var pr = read("pull-request.yml");
        var text = Files.readString(WORKFLOWS.resolve("pull-request.yml"));
        assertTrue(text.contains("bash scripts/test"));
        assertTrue(text.contains("bash scripts/rollout --simulated --up"), "every stack rolled out offline");
        assertEquals("./.github/workflows/rollout.yml", pr.at("/jobs/preview/uses").asText());
        assertFalse(pr.at("/jobs/preview/with/up").asBoolean(true), "pull requests preview only");
        assertTrue(pr.at("/jobs/preview/strategy").isMissingNode(), "no stack matrix by hand");
    }

    private static <T> List<T> iterate(java.util.Iterator<T> iterator) {
        var list = new ArrayList<T>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
