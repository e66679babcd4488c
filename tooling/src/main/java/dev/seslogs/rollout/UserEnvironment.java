package dev.seslogs.rollout;

import com.pulumi.automation.LocalPulumiCommand;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.PulumiCommand;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The user's own Pulumi environment: the {@code pulumi} CLI on PATH, the backend it is logged in
 * to (or {@code PULUMI_BACKEND_URL}), the AWS credentials of the environment, the project
 * directory as it is. Stacks are {@code <org>/<stack>} with {@code --org}, else the backend's
 * default organization.
 */
public final class UserEnvironment implements RolloutEnvironment {
    private final Path projectDirectory;
    private final Optional<String> organization;
    private final List<String> policyPacks;
    private final boolean init;
    private final PulumiCommand command;
    private final StackDirectories directories;

    public UserEnvironment(Path projectDirectory, Optional<String> organization, List<String> policyPacks, boolean init)
            throws Exception {
        this.projectDirectory = projectDirectory.toAbsolutePath().normalize();
        this.organization = organization;
        this.policyPacks = List.copyOf(policyPacks);
        this.init = init;
        this.command = new CorrectedPulumiCommand(LocalPulumiCommand.create());
        this.directories = new StackDirectories("ses-logs-rollout-");
    }

    /**
     * The stack's own directory (see {@link StackDirectories}): Pulumi.yaml, the program's target/
     * and the user's own stack file, linked, so that what the CLI writes there (a secrets salt at
     * stack init) lands in the user's file.
     */
    @Override
    public LocalWorkspaceOptions workspace(String stack, boolean previewOnly) throws Exception {
        var directory =
                directories.directory(projectDirectory, stack, Path.of("target").toAbsolutePath());
        var stackFile = directory.resolve("Pulumi." + stack + ".yaml");
        if (!Files.exists(stackFile, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(stackFile, RolloutStack.file(projectDirectory, stack));
        }
        return LocalWorkspaceOptions.builder()
                .workDir(directory)
                .pulumiCommand(command)
                .environmentVariables(RolloutEnvironment.operationVariables(previewOnly))
                .build();
    }

    @Override
    public void close() throws Exception {
        directories.close();
    }

    @Override
    public String backendName(String stack) {
        return organization.map(org -> org + "/" + stack).orElse(stack);
    }

    @Override
    public List<String> policyPacks() {
        return policyPacks;
    }

    @Override
    public boolean createsMissingStacks() {
        return init;
    }

    @Override
    public String description() {
        return "your Pulumi environment (pulumi CLI " + command.version() + " on PATH, its backend and AWS credentials)"
                + organization.map(org -> ", organization " + org).orElse("");
    }
}
