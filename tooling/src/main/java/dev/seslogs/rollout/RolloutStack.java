package dev.seslogs.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One stack file, {@code Pulumi.<name>.yaml}, as far as the rollout needs it: its topology and the
 * stack it reads through a StackReference ({@code ses-logs:archiveStack: org/ses-logs/<archive>}).
 *
 * @param name         the stack name, from the file name
 * @param topology     standalone, archive or member (the program's default: standalone)
 * @param archiveStack the archive it references, as written (organization/project/stack), if any
 */
public record RolloutStack(String name, String topology, Optional<String> archiveStack) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The stack name of the referenced archive: the last part of organization/project/stack. */
    public Optional<String> archiveName() {
        return archiveStack.map(reference -> reference.substring(reference.lastIndexOf('/') + 1));
    }

    /** The project part of the reference (organization/project/stack), empty for a bare stack name. */
    public Optional<String> archiveProject() {
        return archiveStack
                .map(reference -> reference.split("/"))
                .filter(parts -> parts.length == 3)
                .map(parts -> parts[1]);
    }

    public static Path file(Path projectDirectory, String name) {
        return projectDirectory.resolve("Pulumi." + name + ".yaml");
    }

    /** Reads {@code Pulumi.<name>.yaml}; a broken file is a {@link RolloutPlan.PlanException} naming it. */
    public static RolloutStack read(Path projectDirectory, String name) {
        var file = file(projectDirectory, name);
        if (!Files.isRegularFile(file)) {
            throw new RolloutPlan.PlanException("no stack file " + file.getFileName() + " for stack " + name);
        }
        JsonNode config;
        try {
            var document = YAML.readTree(file.toFile());
            config = document == null ? YAML.createObjectNode() : document.path("config");
        } catch (IOException e) {
            throw new RolloutPlan.PlanException(file.getFileName() + " is not a readable stack file: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        var topology = text(config, "ses-logs:topology").orElse("standalone");
        return new RolloutStack(name, topology, text(config, "ses-logs:archiveStack"));
    }

    private static Optional<String> text(JsonNode config, String key) {
        var value = config.path(key);
        return value.isValueNode() && !value.asText().isBlank()
                ? Optional.of(value.asText().strip())
                : Optional.empty();
    }
}
