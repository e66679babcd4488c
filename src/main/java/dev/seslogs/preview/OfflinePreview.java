package dev.seslogs.preview;

import dev.seslogs.App;
import dev.seslogs.simulation.SimulatedAws;
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
    private OfflinePreview() {
    }

    public static void main(String[] args) {
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
                        err.println("usage: OfflinePreview <stack> [--json FILE] [--project-dir DIR] [--account ID] [--quiet]");
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
            var config = files.config();
            var project = files.projectName();
            if (!StackSimulation.PROJECT.equals(project)) {
                err.println("Pulumi.yaml in " + projectDirectory + " is project \"" + project + "\", not " + StackSimulation.PROJECT);
                return 2;
            }
            var region = config.get("aws", "region")
                    .or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "aws:region is not set in " + files.stackFile() + " (nor AWS_REGION); the AWS provider needs a region"));
            var accountId = account.orElse(SimulatedAws.DEFAULT_ACCOUNT_ID);
            var aws = new SimulatedAws(accountId, region);

            var started = System.nanoTime();
            var result = StackSimulation.run(stack, config, aws, App::stack);
            var elapsed = Duration.ofNanos(System.nanoTime() - started);

            if (result.failure().isPresent()) {
                err.println("error: the stack program failed for stack " + stack + ":");
                err.println("    " + result.failure().get().getMessage().replace("\n", "\n    "));
                return 1;
            }
            if (!quiet) {
                out.println("Previewing update (" + stack + ") offline: simulated AWS account " + accountId + ", region " + region
                        + "; values AWS computes are simulated\n");
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

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
