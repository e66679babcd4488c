package dev.seslogs.rollout;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandException;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.OperationType;
import com.pulumi.automation.PreviewOptions;
import com.pulumi.automation.RefreshOptions;
import com.pulumi.automation.StackNotFoundException;
import com.pulumi.automation.UpOptions;
import com.pulumi.automation.WorkspaceStack;
import com.pulumi.automation.events.EngineEvent;
import dev.seslogs.rollout.StackResult.Change;
import dev.seslogs.rollout.StackResult.Outcome;
import dev.seslogs.rollout.StackResult.PolicyViolation;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Rolls a plan out with the Pulumi Automation API: for each stack, in the plan's order, a line of
 * refresh, preview with the policy pack, the changes shown and, with {@code up}, {@code up}.
 * Stacks whose dependencies are done run in parallel, at most {@code parallel} at a time. A failed
 * stack stops only the stacks behind it (an archive's members); every other line goes on.
 *
 * <p>Safe by default: without {@code up} nothing changes anywhere (refresh runs as
 * {@code --preview-only}); with it, a member whose archive still has changes pending (an archive
 * not selected, or one whose update did not happen) is refused.
 */
public final class Rollout {
    /**
     * How a rollout runs: {@code up} to change anything; {@code parallel} lines at a time; the
     * policy pack's configuration files ({@code --policy-pack-config}), if any.
     */
    public record Options(boolean up, int parallel, boolean verbose, List<String> policyPackConfigs) {
        public Options {
            if (parallel < 1) {
                throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
            }
            policyPackConfigs = List.copyOf(policyPackConfigs);
        }

        public Options(boolean up, int parallel) {
            this(up, parallel, false, List.of());
        }
    }

    private final RolloutEnvironment environment;
    private final Options options;
    private final PrintStream out;
    /** Stack selection and creation write the workspace's state; the operations themselves name their stack. */
    private final Object workspaceLock = new Object();

    public Rollout(RolloutEnvironment environment, Options options, PrintStream out) {
        this.environment = environment;
        this.options = options;
        this.out = out;
    }

    /** Runs every line of the plan and returns the results in plan order. */
    public RolloutSummary run(RolloutPlan plan) {
        var started = Instant.now();
        say(
                "rollout",
                (options.up() ? "up" : "preview only (add --up to change anything)") + ", "
                        + plan.stacks().size()
                        + " stack(s) in this order: "
                        + plan.stacks().stream()
                                .map(entry -> entry.name() + (entry.selected() ? "" : " (archive, preview only)"))
                                .collect(Collectors.joining(", "))
                        + "; at most " + options.parallel() + " at a time; " + environment.description());
        // Lines whose dependencies are done wait in plan order for one of `parallel` workers.
        var ready = new PriorityBlockingQueue<Ready>();
        var workers = new ArrayList<Thread>();
        for (var i = 0; i < options.parallel(); i++) {
            var worker = new Thread(
                    () -> {
                        try {
                            while (true) {
                                ready.take().line().run();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "rollout-line-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        var futures = new LinkedHashMap<String, CompletableFuture<StackResult>>();
        var results = new ConcurrentHashMap<String, StackResult>();
        try {
            for (var entry : plan.stacks()) {
                var position = futures.size();
                var dependencies = entry.dependsOn().stream().map(futures::get).toArray(CompletableFuture[]::new);
                futures.put(
                        entry.name(),
                        CompletableFuture.allOf(dependencies)
                                .thenApplyAsync(
                                        ignored -> {
                                            var result = line(entry, results);
                                            results.put(entry.name(), result);
                                            return result;
                                        },
                                        line -> ready.add(new Ready(position, line))));
            }
            var ordered = futures.values().stream().map(CompletableFuture::join).toList();
            return new RolloutSummary(
                    options.up(),
                    started,
                    Duration.between(started, Instant.now()).toMillis() / 1000.0,
                    ordered);
        } finally {
            workers.forEach(Thread::interrupt);
        }
    }

    /** A line ready to run, and its place in the plan (earlier first). */
    private record Ready(int position, Runnable line) implements Comparable<Ready> {
        @Override
        public int compareTo(Ready other) {
            return Integer.compare(position, other.position);
        }
    }

    private void say(String stack, String message) {
        synchronized (out) {
            message.lines().forEach(line -> out.println("[" + stack + "] " + line));
            out.flush();
        }
    }

    /** One stack's line. Never throws: every failure is the stack's result. */
    private StackResult line(RolloutPlan.Entry entry, Map<String, StackResult> done) {
        var line = new Line(entry);
        try {
            line.run(done);
        } catch (Exception | Error e) {
            line.fail(e);
        }
        var result = line.result();
        say(
                entry.name(),
                result.outcome().label()
                        + result.reasonIfAny().map(reason -> ": " + reason).orElse("")
                        + String.format(" (%.0f s)", result.seconds()));
        return result;
    }

    private final class Line {
        private final RolloutPlan.Entry entry;
        private final String name;
        private final Instant started = Instant.now();
        private Outcome outcome;
        private String reason = "";
        private Map<String, Integer> drift = Map.of();
        private Map<String, Integer> planned = Map.of();
        private Map<String, Integer> made = Map.of();
        private final List<Change> changes = Collections.synchronizedList(new ArrayList<>());
        private final List<PolicyViolation> violations = Collections.synchronizedList(new ArrayList<>());
        private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        private boolean pending;
        private boolean deployed;

        Line(RolloutPlan.Entry entry) {
            this.entry = entry;
            this.name = entry.name();
        }

        void run(Map<String, StackResult> done) throws Exception {
            // What the stacks before it left: a failed archive stops its members.
            for (var dependency : entry.dependsOn()) {
                var before = done.get(dependency);
                if (!before.outcome().ok() || before.outcome() == Outcome.BLOCKED) {
                    outcome = Outcome.SKIPPED;
                    reason = "its archive " + dependency + " "
                            + before.outcome().label()
                            + before.reasonIfAny().map(why -> " (" + why + ")").orElse("");
                    return;
                }
                if (options.up() && entry.selected() && before.archivePending()) {
                    outcome = Outcome.REFUSED;
                    reason = "its archive " + dependency + " has pending changes (" + counts(before.planned())
                            + "); roll the archive out first (--stacks " + dependency + "," + name + " --up)";
                    return;
                }
                if (!before.deployed()) {
                    outcome = Outcome.BLOCKED;
                    reason = "its archive " + dependency
                            + " is not deployed yet, so its StackReference has no outputs to read;"
                            + " the member is previewed once the archive is rolled out (--up)";
                    return;
                }
            }

            var stack = open();
            if (stack == null) {
                return;
            }
            try (stack) {
                var rolledOut = entry.selected();
                if (rolledOut && !created) {
                    refresh(stack);
                }
                preview(stack);
                pending = StackResult.changeCount(planned) > 0;
                if (!rolledOut) {
                    outcome = Outcome.CHECKED;
                } else if (!options.up()) {
                    outcome = Outcome.PREVIEWED;
                } else if (!pending) {
                    outcome = Outcome.UNCHANGED;
                } else {
                    up(stack);
                    pending = false;
                    outcome = Outcome.ROLLED_OUT;
                }
                deployed = hasOutputs(stack);
            }
        }

        private boolean created;

        /** The stack in the backend; null (and the line failed) when it does not exist and may not be created. */
        private WorkspaceStack open() throws Exception {
            var backendName = environment.backendName(name);
            synchronized (workspaceLock) {
                var workspace = LocalWorkspace.create(environment.workspace(name, !options.up()));
                try {
                    return WorkspaceStack.select(backendName, workspace);
                } catch (StackNotFoundException e) {
                    if (environment.createsMissingStacks() && (entry.selected())) {
                        say(name, "stack " + backendName + " does not exist in the backend: creating it");
                        created = true;
                        return WorkspaceStack.create(backendName, workspace);
                    }
                    workspace.close();
                    outcome = Outcome.FAILED;
                    reason = "stack " + backendName
                            + " does not exist in the backend; create it with --init (or pulumi stack init "
                            + backendName + ")";
                    return null;
                }
            }
        }

        private void refresh(WorkspaceStack stack) throws AutomationException {
            var summary = new Counts();
            say(name, options.up() ? "refresh" : "refresh --preview-only (drift only; the state is left as it is)");
            stack.refresh(RefreshOptions.builder()
                    .previewOnly(!options.up())
                    .onEvent(events(summary, false))
                    .onStandardOutput(verbose())
                    .build());
            drift = summary.counts;
            if (StackResult.changeCount(drift) > 0) {
                say(name, "drift: " + counts(drift));
            }
        }

        private void preview(WorkspaceStack stack) throws AutomationException {
            var summary = new Counts();
            say(name, "preview --policy-pack " + String.join(",", environment.policyPacks()));
            com.pulumi.automation.PreviewResult result;
            try {
                result = stack.preview(PreviewOptions.builder()
                        .policyPacks(environment.policyPacks())
                        .policyPackConfigs(options.policyPackConfigs())
                        .onEvent(events(summary, true))
                        .onStandardOutput(verbose())
                        .build());
            } catch (AutomationException e) {
                // A mandatory violation fails the preview: say which, with the pack's message.
                violations.forEach(violation -> say(
                        name,
                        "  policy " + violation.level() + ": " + violation.policy() + ": "
                                + violation.urn().substring(violation.urn().lastIndexOf("::") + 2) + ": "
                                + detail(violation.message())));
                throw e;
            }
            planned = summary.counts.isEmpty() ? names(result.changeSummary()) : summary.counts;
            synchronized (out) {
                say(name, "plan: " + (StackResult.changeCount(planned) == 0 ? "no changes" : counts(planned)));
                changes.forEach(change -> say(
                        name,
                        "  " + symbol(change.op()) + " " + change.op() + " " + change.type() + " " + change.name()
                                + (change.properties().isEmpty()
                                        ? ""
                                        : " [" + String.join(", ", change.properties()) + "]")));
                violations.forEach(violation -> say(
                        name,
                        "  policy " + violation.level() + ": " + violation.policy() + ": "
                                + violation.urn().substring(violation.urn().lastIndexOf("::") + 2) + ": "
                                + detail(violation.message())));
            }
        }

        private void up(WorkspaceStack stack) throws AutomationException {
            var summary = new Counts();
            say(name, "up --policy-pack " + String.join(",", environment.policyPacks()));
            try {
                var result = stack.up(UpOptions.builder()
                        .policyPacks(environment.policyPacks())
                        .policyPackConfigs(options.policyPackConfigs())
                        .onEvent(events(summary, false))
                        .onStandardOutput(verbose())
                        .build());
                made = summary.counts.isEmpty() && result.summary() != null
                        ? names(result.summary().resourceChanges())
                        : summary.counts;
            } catch (AutomationException e) {
                // SDK 1.36.1: after a successful `pulumi up`, up() reads the stack's outputs as strings only,
                // and an output that is an object or a list (dnsRecords) fails that read. The update itself
                // is done (the command exited 0: a failed one throws CommandException first).
                if (e instanceof CommandException || !causedBy(e, "com.google.gson.JsonSyntaxException")) {
                    throw e;
                }
                made = summary.counts;
            }
            say(name, "made: " + counts(made));
        }

        private Consumer<String> verbose() {
            return options.verbose() ? text -> say(name, text) : text -> {};
        }

        /** Collects the summary counts, the policy violations, errors and (for a preview) the steps. */
        private Consumer<EngineEvent> events(Counts summary, boolean steps) {
            return event -> {
                if (event.summaryEvent() != null && event.summaryEvent().resourceChanges() != null) {
                    summary.counts = names(event.summaryEvent().resourceChanges());
                }
                if (event.policyEvent() != null && steps) {
                    var policy = event.policyEvent();
                    violations.add(new PolicyViolation(
                            policy.policyName(),
                            String.valueOf(policy.enforcementLevel()),
                            String.valueOf(policy.resourceUrn()),
                            String.valueOf(policy.message()).strip()));
                }
                if (event.diagnosticEvent() != null
                        && "error".equals(event.diagnosticEvent().severity())) {
                    errors.add(event.diagnosticEvent().message());
                }
                if (steps && event.resourcePreEvent() != null) {
                    var step = event.resourcePreEvent().metadata();
                    if (step != null && step.op() != OperationType.SAME && step.op() != OperationType.READ) {
                        changes.add(new Change(
                                op(step.op()),
                                step.type(),
                                step.urn().substring(step.urn().lastIndexOf("::") + 2),
                                step.diffs() == null ? List.of() : List.copyOf(step.diffs())));
                    }
                }
            };
        }

        void fail(Throwable e) {
            outcome = Outcome.FAILED;
            var detail = errors.stream()
                    .map(Rollout::firstLines)
                    .filter(text -> !text.isBlank())
                    .distinct()
                    .collect(Collectors.joining("; "));
            if (detail.isEmpty() && e instanceof CommandException command) {
                detail = firstLines(errorLines(command.getMessage()));
            }
            if (detail.isEmpty()) {
                detail = firstLines(String.valueOf(e.getMessage()));
            }
            var mandatory = violations.stream()
                    .filter(violation -> violation.level().equals("mandatory"))
                    .map(PolicyViolation::policy)
                    .distinct()
                    .toList();
            if (e instanceof ConcurrentUpdateException) {
                reason = "locked: another update of " + environment.backendName(name)
                        + " is in progress (or was interrupted;" + " then `pulumi cancel`): " + detail;
            } else if (detail.contains("AWS account ID not allowed")) {
                reason =
                        "wrong account: the credentials reach an account outside ses-logs:allowedAccountIds: " + detail;
            } else if (!mandatory.isEmpty()) {
                reason = "policy: " + mandatory.size() + " mandatory policy violation(s): "
                        + String.join(", ", mandatory);
            } else if (e instanceof CommandException) {
                reason = detail;
            } else {
                reason = e.getClass().getSimpleName() + ": " + detail;
            }
        }

        StackResult result() {
            return new StackResult(
                    name,
                    entry.stack().topology(),
                    entry.selected(),
                    entry.dependsOn(),
                    outcome,
                    reason,
                    drift,
                    planned,
                    made,
                    List.copyOf(changes),
                    List.copyOf(violations),
                    pending,
                    deployed,
                    started,
                    Duration.between(started, Instant.now()).toMillis() / 1000.0);
        }
    }

    /**
     * Whether the stack has outputs a StackReference can read. From the exported state: the SDK's
     * getOutputs() reads every output as a string and fails on this program's object outputs.
     */
    @SuppressWarnings("unchecked")
    static boolean hasOutputs(WorkspaceStack stack) throws AutomationException {
        var resources = stack.exportStack().deployment().get("resources");
        if (!(resources instanceof List<?> list)) {
            return false;
        }
        return list.stream()
                .filter(resource -> resource instanceof Map<?, ?> map && "pulumi:pulumi:Stack".equals(map.get("type")))
                .anyMatch(resource -> ((Map<String, Object>) resource).get("outputs") instanceof Map<?, ?> outputs
                        && !outputs.isEmpty());
    }

    private static boolean causedBy(Throwable e, String className) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static final class Counts {
        volatile Map<String, Integer> counts = Map.of();
    }

    static String op(OperationType op) {
        return op.name().toLowerCase().replace('_', '-');
    }

    static Map<String, Integer> names(Map<OperationType, Integer> counts) {
        var named = new TreeMap<String, Integer>();
        if (counts != null) {
            counts.forEach((op, count) -> named.merge(op(op), count, Integer::sum));
        }
        return named;
    }

    /** "create=3 update=1" (what changes; same is left out). */
    public static String counts(Map<String, Integer> counts) {
        var shown = counts.entrySet().stream()
                .filter(entry -> !entry.getKey().equals("same"))
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(" "));
        return shown.isEmpty() ? "none" : shown;
    }

    private static String symbol(String op) {
        return switch (op) {
            case "create" -> "+";
            case "update" -> "~";
            case "delete" -> "-";
            case "replace", "create-replacement", "delete-replaced" -> "+-";
            default -> "*";
        };
    }

    /** A policy event's message is the policy's description, then what this resource violates: the latter. */
    static String detail(String message) {
        var lines = message.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        return lines.isEmpty()
                ? ""
                : lines.size() == 1 ? lines.get(0) : String.join(" ", lines.subList(1, lines.size()));
    }

    /** The lines of a CLI error output that say what went wrong. */
    private static String errorLines(String text) {
        return text.lines()
                .map(String::strip)
                .filter(line -> line.startsWith("error:") || line.contains("error:"))
                .distinct()
                .collect(Collectors.joining("\n"));
    }

    private static String firstLines(String text) {
        var joined = text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .limit(3)
                .collect(Collectors.joining(" "));
        return joined.length() > 400 ? joined.substring(0, 400) + "..." : joined;
    }
}
