package dev.seslogs.rollout.simulated;

import com.pulumi.automation.LocalPulumiCommand;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.PulumiCommand;
import dev.seslogs.config.SesIdentity;
import dev.seslogs.config.Settings;
import dev.seslogs.rollout.RolloutEnvironment;
import dev.seslogs.simulation.SimulatedAwsProvider;
import dev.seslogs.simulation.StackFiles;
import dev.seslogs.simulation.StackSimulation;
import io.grpc.Server;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rollout offline, what {@code scripts/engine/env} sets up for the bash harness: the real
 * Pulumi CLI and Java language host built by {@code scripts/engine/build} (on PATH, their
 * directory given), a file backend and a Pulumi home in a temporary directory, and, for each
 * stack, the simulated AWS provider of its account served in this JVM and attached with
 * {@code PULUMI_DEBUG_PROVIDERS}. The project is copied into the temporary directory, one
 * directory per stack ({@link dev.seslogs.rollout.StackDirectories} says why), its stack file when its line starts (so a caller may edit them between rollouts), with a member's
 * {@code archiveStack} organization replaced by the file backend's ({@code organization}).
 *
 * <p>A stack's account is what its credentials would reach: by default the first of its
 * {@code allowedAccountIds}, or what {@code accounts} says (a test's wrong account).
 */
public final class SimulatedEnvironment implements RolloutEnvironment {
    /** The file backend names every stack organization/project/stack. */
    public static final String ORGANIZATION = "organization";

    private static final Pattern ARCHIVE_STACK = Pattern.compile("(?m)^(  ses-logs:archiveStack: *)[^/\\s]+/");

    private final Path source;
    private final Path directory;
    private final Path project;
    private final List<String> policyPacks;
    private final Function<String, Optional<String>> accounts;
    private final boolean keep;
    private final PulumiCommand command;
    private final Map<String, String> variables = new HashMap<>();
    private final Map<String, Server> providers = new ConcurrentHashMap<>();

    /**
     * @param source      the project directory holding Pulumi.yaml and the stack files
     * @param programJar  the program's fat jar (target/ses-logs.jar), which Pulumi.yaml runs
     * @param engineBin   the directory scripts/engine/build prints; its pulumi must be the one on PATH
     * @param policyPack  the executable analyzer of the pack (policy/analyzer)
     * @param accounts    a stack's simulated account, where it is not its first allowed account
     * @param keep        leave the temporary directory (backend, provider logs) in place
     * @param reuse       a directory to keep the backend in across runs, instead of a temporary one
     */
    public SimulatedEnvironment(
            Path source,
            Path programJar,
            Path engineBin,
            Path policyPack,
            Function<String, Optional<String>> accounts,
            boolean keep,
            Optional<Path> reuse)
            throws Exception {
        this.source = source.toAbsolutePath().normalize();
        this.accounts = accounts;
        this.keep = keep || reuse.isPresent();
        var onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "pulumi"))
                .filter(Files::isExecutable)
                .findFirst();
        if (onPath.isEmpty() || !Files.isSameFile(onPath.get(), engineBin.resolve("pulumi"))) {
            throw new IllegalStateException("the Automation API runs the pulumi on PATH; put " + engineBin
                    + " first on PATH (bash scripts/rollout --simulated does)");
        }
        if (!Files.isRegularFile(programJar)) {
            throw new IllegalStateException(programJar + " is missing: bash scripts/build");
        }
        this.policyPacks = List.of(policyPack.toAbsolutePath().toString());
        directory = reuse.isPresent()
                ? Files.createDirectories(reuse.get().toAbsolutePath())
                : Files.createTempDirectory("ses-logs-rollout-");
        project = directory.resolve("project");
        Files.createDirectories(project.resolve("target"));
        Files.createDirectories(directory.resolve("state"));
        Files.createDirectories(directory.resolve("home"));
        Files.copy(
                this.source.resolve("Pulumi.yaml"),
                project.resolve("Pulumi.yaml"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(project.resolve("target/ses-logs.jar"));
        Files.createSymbolicLink(project.resolve("target/ses-logs.jar"), programJar.toAbsolutePath());

        variables.put("PULUMI_BACKEND_URL", "file://" + directory.resolve("state"));
        variables.put("PULUMI_HOME", directory.resolve("home").toString());
        // Plugins from the workspace's plugin cache, where the Java host is installed below; AWS from
        // PULUMI_DEBUG_PROVIDERS.
        variables.put("PULUMI_IGNORE_AMBIENT_PLUGINS", "true");
        variables.put("PULUMI_SKIP_UPDATE_CHECK", "true");
        variables.put("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "true");
        // Only for this throw-away backend: the passphrase protects the simulated stacks' secrets.
        variables.put("PULUMI_CONFIG_PASSPHRASE", "simulated-stacks-only");
        variables.put("PULUMI_SUPPRESS_COPILOT_LINK", "true");
        variables.put("NO_COLOR", "1");

        var hostVersion =
                Files.readString(engineBin.resolve("java-host.version")).strip();
        var install = new ProcessBuilder(
                        engineBin.resolve("pulumi").toString(),
                        "plugin",
                        "install",
                        "language",
                        "java",
                        hostVersion,
                        "--file",
                        engineBin.resolve("pulumi-language-java").toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("plugin-install.log").toFile());
        install.environment().putAll(variables);
        if (install.start().waitFor() != 0) {
            throw new IllegalStateException("could not install the Java language host: "
                    + Files.readString(directory.resolve("plugin-install.log")));
        }
        command = new dev.seslogs.rollout.CorrectedPulumiCommand(LocalPulumiCommand.create());
    }

    /** The temporary directory: project/, state/ (the backend), home/, provider-STACK.log. */
    public Path directory() {
        return directory;
    }

    /** The project copy the engine runs in for one stack (after its first line). */
    public Path project(String stack) {
        return project.resolve(stack);
    }

    @Override
    public LocalWorkspaceOptions workspace(String stack, boolean previewOnly) throws Exception {
        // The stack's own directory (StackDirectories: the SDK's operations act on the selected stack).
        var directory = project.resolve(stack);
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            Files.createSymbolicLink(directory.resolve("target"), project.resolve("target"));
        }
        Files.copy(
                project.resolve("Pulumi.yaml"), directory.resolve("Pulumi.yaml"), StandardCopyOption.REPLACE_EXISTING);
        var text = Files.readString(source.resolve("Pulumi." + stack + ".yaml"), StandardCharsets.UTF_8);
        Files.writeString(
                directory.resolve("Pulumi." + stack + ".yaml"),
                ARCHIVE_STACK.matcher(text).replaceAll("$1" + ORGANIZATION + "/"));
        var port = providers.computeIfAbsent(stack, this::startProvider).getPort();
        var env = new HashMap<>(variables);
        env.put("PULUMI_DEBUG_PROVIDERS", "aws:" + port);
        env.putAll(RolloutEnvironment.operationVariables(previewOnly));
        return LocalWorkspaceOptions.builder()
                .workDir(directory)
                .pulumiCommand(command)
                .environmentVariables(env)
                .build();
    }

    private Server startProvider(String stack) {
        // A stack file the program refuses still gets its provider: the engine reports the refusal.
        var settings = settings(stack);
        var account = accounts.apply(stack)
                .or(() -> settings.flatMap(s -> s.allowedAccountIds().stream().findFirst()))
                .orElse(dev.seslogs.simulation.SimulatedAws.DEFAULT_ACCOUNT_ID);
        var existing = new TreeSet<String>();
        settings.ifPresent(s -> s.identities().stream()
                .filter(SesIdentity::existing)
                .forEach(identity -> existing.add(identity.name())));
        try {
            return SimulatedAwsProvider.serve(new SimulatedAwsProvider(
                    account, existing, Optional.of(directory.resolve("provider-" + stack + ".log"))));
        } catch (IOException e) {
            throw new IllegalStateException("could not start the simulated AWS for " + stack, e);
        }
    }

    private Optional<Settings> settings(String stack) {
        try {
            return Optional.of(
                    Settings.load(new StackFiles(project.resolve(stack), stack).config(), StackSimulation.PROJECT));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String backendName(String stack) {
        return stack;
    }

    @Override
    public List<String> policyPacks() {
        return policyPacks;
    }

    @Override
    public boolean createsMissingStacks() {
        return true;
    }

    @Override
    public String description() {
        return "simulated AWS, pulumi " + command.version() + " with a file backend in "
                + (keep ? directory.toString() : "a temporary directory");
    }

    @Override
    public void close() throws IOException {
        providers.values().forEach(Server::shutdownNow);
        providers.clear();
        if (!keep) {
            try (var files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            }
        }
    }
}
