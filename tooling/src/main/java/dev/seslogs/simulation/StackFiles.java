package dev.seslogs.simulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.seslogs.config.StackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A project directory's {@code Pulumi.yaml} and {@code Pulumi.<stack>.yaml}, read the way the
 * Pulumi CLI hands them to the program: each config value as text, lists and maps as JSON.
 */
public record StackFiles(Path projectDirectory, String stackName) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public Path stackFile() {
        return projectDirectory.resolve("Pulumi." + stackName + ".yaml");
    }

    public String projectName() {
        return read(projectDirectory.resolve("Pulumi.yaml")).path("name").asText();
    }

    public StackConfig config() {
        var values = new LinkedHashMap<String, String>();
        read(stackFile()).path("config").fields().forEachRemaining(entry -> {
            var value = entry.getValue();
            if (value.isObject() && value.has("secure")) {
                throw new IllegalArgumentException(entry.getKey() + " in " + stackFile()
                        + " is encrypted; the offline preview has no access to the stack's secrets provider");
            }
            values.put(entry.getKey(), value.isValueNode() ? value.asText() : value.toString());
        });
        return StackConfig.of(values);
    }

    /**
     * One line, as compilers print it ({@code file:line:column: problem}): SnakeYAML's own message
     * spans several lines with a caret drawing, which drowns in a CI log.
     */
    static String syntaxError(Path file, JsonProcessingException e) {
        var problem = e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null
                ? yaml.getProblem()
                : e.getOriginalMessage().lines().findFirst().orElse("not valid YAML");
        var at = e.getLocation();
        var position = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
        return file + position + ": not valid YAML: " + problem.strip();
    }

    private static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        try {
            var node = YAML.readTree(file.toFile());
            return node == null ? YAML.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(syntaxError(file, e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
