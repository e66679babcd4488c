package dev.seslogs.preview;

import dev.seslogs.App;
import dev.seslogs.config.Settings;
import dev.seslogs.sdk.PulumiRuntime;
import dev.seslogs.simulation.SimulatedAws;
import dev.seslogs.simulation.StackFiles;
import dev.seslogs.simulation.StackSimulation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code pulumi preview} without credentials: runs the real stack program for one stack, with
 * that stack's {@code Pulumi.<stack>.yaml}, against {@link SimulatedAws}, and prints the plan
 * tree; optionally writes the plan in {@code pulumi preview --json}'s shape for the policy check.
 *
 * <p>Usage: {@code java -cp target/ses-logs.jar dev.seslogs.preview.OfflinePreview <stack>
 * [--json FILE] [--project-dir DIR] [--account ID] [--quiet]}
 */
public final class OfflinePreview {
    private OfflinePreview() {}

    public static void main(String[] args) {
        PulumiRuntime.prepareCommonPool();
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String stack = null;
        Optional<Path> json = Optional.empty();
        var projectDirectory = Path.of(".");
        Optional<String> account = Optional.empty();
        var quiet = false;
        for (var i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = Optional.of(Path.of(value(args, ++i, "--json")));
                case "--project-dir" -> projectDirectory = Path.of(value(args, ++i, "--project-dir"));
                case "--account" -> account = Optional.of(value(args, ++i, "--account"));
                case "--quiet" -> quiet = true;
                default -> {
                    if (args[i].startsWith("-") || stack != null) {
                        err.println(
                                "usage: OfflinePreview <stack> [--json FILE] [--project-dir DIR] [--account ID] [--quiet]");
                        return 2;
                    }
                    stack = args[i];
                }
            }
        }
        if (stack == null) {
            err.println("usage: OfflinePreview <stack> [--json FILE] [--project-dir DIR] [--account ID] [--quiet]");
            return 2;
        }

        try {
            var files = new StackFiles(projectDirectory, stack);
            var project = files.projectName();
            if (!StackSimulation.PROJECT.equals(project)) {
                err.println("Pulumi.yaml in " + projectDirectory + " is project \"" + project + "\", not "
                        + StackSimulation.PROJECT);
                return 2;
            }
            var started = System.nanoTime();
            var simulated = simulate(files, account);
            var result = simulated.result();
            var elapsed = Duration.ofNanos(System.nanoTime() - started);
            var config = files.config();
            var accountId = simulated.aws().accountId();
            var region = simulated.aws().region();

            if (result.failure().isPresent()) {
                err.println(describeFailure(stack, result.failure().get()));
                return 1;
            }
            if (!quiet) {
                out.println("Previewing update (" + stack + ") offline: simulated AWS account " + accountId
                        + ", region " + region + "; values AWS computes are simulated\n");
                out.print(PreviewTree.render(stack, result));
            }
            if (json.isPresent()) {
                var digest = PreviewDigest.of(stack, project, config.asMap(), result, elapsed);
                var parent = json.get().toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(json.get(), PreviewDigest.render(digest));
                if (!quiet) {
                    out.println("\nWrote " + json.get() + " (pulumi preview --json format)");
                }
            }
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    record Simulated(SimulatedAws aws, StackSimulation.Result result) {}

    /**
     * Runs one stack. The simulated account is the stack's first allowed account (or
     * {@code account}, or a placeholder); a member's StackReference is answered with the outputs
     * of its archive stack, itself previewed from its own stack file in the same project.
     */
    /**
     * One line for what AWS would refuse (the resource, AWS's error code and the limit, as
     * {@link AwsRefusal} words it), wherever in the SDK's chain of causes it is; the program's
     * own failure message otherwise. Never a stack trace.
     */
    static String describeFailure(String stack, Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof dev.seslogs.simulation.AwsRefusal refusal) {
                return "error: AWS would refuse stack " + stack + ": "
                        + refusal.getMessage().replace("\n", " ");
            }
        }
        return "error: the stack program failed for stack " + stack + ":\n    "
                + failure.getMessage().replace("\n", "\n    ");
    }

    static Simulated simulate(StackFiles files, Optional<String> account) {
        var config = files.config();
        var settings = Settings.load(config, StackSimulation.PROJECT);
        var accountId = account.orElse(
                settings.allowedAccountIds().stream().findFirst().orElse(SimulatedAws.DEFAULT_ACCOUNT_ID));
        var aws = new SimulatedAws(accountId, settings.region());
        if (settings.topology() == Settings.Topology.MEMBER) {
            var archiveName = settings.archiveStack().orElseThrow();
            var archiveFiles =
                    new StackFiles(files.projectDirectory(), archiveName.substring(archiveName.lastIndexOf('/') + 1));
            if (!java.nio.file.Files.isRegularFile(archiveFiles.stackFile())) {
                throw new IllegalArgumentException("cannot answer the StackReference to " + archiveName
                        + " offline: no " + archiveFiles.stackFile() + " in the project");
            }
            var archive = simulate(archiveFiles, Optional.empty()).result();
            if (archive.failure().isPresent()) {
                throw new IllegalArgumentException("the archive stack " + archiveName + " fails: "
                        + archive.failure().get().getMessage());
            }
            aws.withStack(archiveName, archive.exports());
        }
        return new Simulated(aws, StackSimulation.run(files.stackName(), config, aws, App::stack));
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
