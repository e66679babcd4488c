package dev.seslogs.rollout;

import dev.seslogs.rollout.simulated.SimulatedEnvironment;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code bash scripts/rollout}: one command that previews (and with {@code --up} rolls out) a
 * change to every stack, archive before members. See {@link #USAGE}.
 */
public final class RolloutCommand {
    static final String USAGE =
            """
            usage: bash scripts/rollout [STACK...] [--stacks A,B] [--topology standalone|archive|member]
                                        [--up] [--parallel N] [--json FILE] [--org ORG] [--init]
                                        [--policy-pack DIR] [--policy-pack-config FILE] [--project-dir DIR]
                                        [--verbose] [--simulated [--keep | --simulated-dir DIR]]
              STACK..., --stacks A,B   only these stacks (default: every Pulumi.<stack>.yaml); a member's
                                       archive that is not selected is previewed, never changed
              --topology T             only the stacks of topology T
              --up                     run `pulumi up` where the preview plans changes (default: preview only)
              --parallel N             stacks at a time once their archive is done (default 2)
              --json FILE              the summary as JSON, for CI
              --org ORG                stacks are ORG/<stack> (default: the backend's default organization)
              --init                   create (empty) the stacks that do not exist in the backend yet
              --policy-pack DIR        the policy pack (default: policy; --simulated: policy/analyzer)
              --policy-pack-config F   the pack's configuration (enforcement levels, settings), as pulumi takes it
              --verbose                also the engine's own output, prefixed with the stack
              --project-dir DIR        the stack files of DIR (default: the repository's)
              --simulated              offline: the real engine built by scripts/engine/build, a file backend
                                       in a temporary directory, simulated AWS per stack (no credentials)
              --keep                   --simulated: keep the temporary directory (backend, provider logs)
              --simulated-dir DIR      --simulated: keep the backend in DIR and reuse it in the next run
            exit status: 0 every stack ok, 1 a stack failed, was skipped or refused, 2 nothing ran (usage, plan)""";

    /** The parsed command line. */
    record Arguments(
            List<String> stacks,
            Optional<String> topology,
            boolean up,
            int parallel,
            Optional<Path> json,
            Optional<String> organization,
            boolean init,
            Optional<String> policyPack,
            List<String> policyPackConfigs,
            boolean verbose,
            boolean simulated,
            boolean keep,
            Optional<Path> simulatedDirectory,
            Optional<Path> engineBin,
            Path projectDirectory) {

        static Arguments parse(String... args) {
            var stacks = new ArrayList<String>();
            Optional<String> topology = Optional.empty();
            var up = false;
            var parallel = 2;
            Optional<Path> json = Optional.empty();
            Optional<String> organization = Optional.empty();
            var init = false;
            Optional<String> policyPack = Optional.empty();
            var policyPackConfigs = new ArrayList<String>();
            var verbose = false;
            var simulated = false;
            var keep = false;
            Optional<Path> simulatedDirectory = Optional.empty();
            Optional<Path> engineBin = Optional.empty();
            var projectDirectory = Path.of(".");
            for (var i = 0; i < args.length; i++) {
                var arg = args[i];
                switch (arg) {
                    case "--stacks" -> Arrays.stream(value(args, ++i, arg).split(","))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .forEach(stacks::add);
                    case "--topology" -> topology = Optional.of(value(args, ++i, arg));
                    case "--up" -> up = true;
                    case "--parallel" -> {
                        try {
                            parallel = Integer.parseInt(value(args, ++i, arg));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--parallel takes a number, got " + args[i]);
                        }
                        if (parallel < 1) {
                            throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
                        }
                    }
                    case "--json" -> json = Optional.of(Path.of(value(args, ++i, arg)));
                    case "--org" -> organization = Optional.of(value(args, ++i, arg));
                    case "--init" -> init = true;
                    case "--policy-pack" -> policyPack = Optional.of(value(args, ++i, arg));
                    case "--policy-pack-config" -> policyPackConfigs.add(
                            Path.of(value(args, ++i, arg)).toAbsolutePath().toString());
                    case "--verbose" -> verbose = true;
                    case "--simulated" -> simulated = true;
                    case "--keep" -> keep = true;
                    case "--simulated-dir" -> simulatedDirectory = Optional.of(Path.of(value(args, ++i, arg)));
                    case "--engine-bin" -> engineBin = Optional.of(Path.of(value(args, ++i, arg)));
                    case "--project-dir" -> projectDirectory = Path.of(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        stacks.add(arg);
                    }
                }
            }
            if (!stacks.isEmpty() && topology.isPresent()) {
                throw new IllegalArgumentException("give stacks or --topology, not both");
            }
            if (simulated && engineBin.isEmpty()) {
                throw new IllegalArgumentException(
                        "--simulated needs --engine-bin DIR (bash scripts/rollout passes it)");
            }
            if (simulated && organization.isPresent()) {
                throw new IllegalArgumentException(
                        "--org names stacks of your backend; --simulated has its own file backend");
            }
            if ((keep || simulatedDirectory.isPresent()) && !simulated) {
                throw new IllegalArgumentException("--keep and --simulated-dir only apply to --simulated");
            }
            return new Arguments(
                    List.copyOf(stacks),
                    topology,
                    up,
                    parallel,
                    json,
                    organization,
                    init,
                    policyPack,
                    List.copyOf(policyPackConfigs),
                    verbose,
                    simulated,
                    keep,
                    simulatedDirectory,
                    engineBin,
                    projectDirectory);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        RolloutPlan.Selection selection() {
            return !stacks.isEmpty()
                    ? RolloutPlan.Selection.of(stacks)
                    : topology.map(RolloutPlan.Selection::topology).orElseGet(RolloutPlan.Selection::all);
        }
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command; returns the exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        if (Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        Arguments arguments;
        RolloutPlan plan;
        try {
            arguments = Arguments.parse(args);
            plan = RolloutPlan.make(arguments.projectDirectory(), arguments.selection());
        } catch (IllegalArgumentException | RolloutPlan.PlanException e) {
            err.println("rollout: " + e.getMessage());
            if (e instanceof IllegalArgumentException) {
                err.println(USAGE);
            }
            return 2;
        }
        try (var environment = environment(arguments)) {
            var summary = new Rollout(
                            environment,
                            new Rollout.Options(
                                    arguments.up(),
                                    arguments.parallel(),
                                    arguments.verbose(),
                                    arguments.policyPackConfigs()),
                            out)
                    .run(plan);
            out.println();
            out.print(summary.table());
            if (arguments.json().isPresent()) {
                summary.writeJson(arguments.json().get());
                out.println("summary written to " + arguments.json().get());
            }
            return summary.ok() ? 0 : 1;
        } catch (Exception e) {
            err.println("rollout: " + e.getMessage());
            return 2;
        }
    }

    private static RolloutEnvironment environment(Arguments arguments) throws Exception {
        // The program's jar and the policy pack are the repository's (the working directory), the
        // stack files the project directory's (the same, unless --project-dir).
        var project = arguments.projectDirectory().toAbsolutePath().normalize();
        if (arguments.simulated()) {
            return new SimulatedEnvironment(
                    project,
                    Path.of("target/ses-logs.jar").toAbsolutePath(),
                    arguments.engineBin().orElseThrow(),
                    Path.of(arguments.policyPack().orElse("policy/analyzer")).toAbsolutePath(),
                    stack -> Optional.empty(),
                    arguments.keep(),
                    arguments.simulatedDirectory());
        }
        return new UserEnvironment(
                project,
                arguments.organization(),
                List.of(Path.of(arguments.policyPack().orElse("policy"))
                        .toAbsolutePath()
                        .toString()),
                arguments.init());
    }
}
