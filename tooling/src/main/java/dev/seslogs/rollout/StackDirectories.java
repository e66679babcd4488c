package dev.seslogs.rollout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * One working directory per stack. The Automation API of pulumi-java 1.36.1 runs {@code preview},
 * {@code up} and {@code refresh} without {@code --stack}: they act on the stack that
 * {@code pulumi stack select} last chose for the project directory (kept under PULUMI_HOME,
 * keyed by the directory). Two stacks of one directory in parallel would act on whichever was
 * selected last, so each stack gets a directory of its own: a copy of Pulumi.yaml, its stack file
 * and the program's {@code target/} (links, or a copy where the stack file must be rewritten).
 */
public final class StackDirectories implements AutoCloseable {
    private final Path root;

    public StackDirectories(String prefix) throws IOException {
        root = Files.createTempDirectory(prefix);
    }

    public Path root() {
        return root;
    }

    /** The stack's directory, with Pulumi.yaml copied from {@code project} and {@code target} linked to {@code programTarget}. */
    public Path directory(Path project, String stack, Path programTarget) throws IOException {
        var directory = root.resolve(stack);
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            Files.copy(project.resolve("Pulumi.yaml"), directory.resolve("Pulumi.yaml"));
            Files.createSymbolicLink(directory.resolve("target"), programTarget.toAbsolutePath());
        }
        return directory;
    }

    /** Deletes the directories; links are removed, never followed. */
    @Override
    public void close() throws IOException {
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        }
    }
}
