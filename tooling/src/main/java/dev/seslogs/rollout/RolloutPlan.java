package dev.seslogs.rollout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which stacks a rollout touches and in which order: every stack after the stack it references
 * (a member after its archive). A selected member's archive that is not selected itself is still
 * part of the plan as a <em>gate</em>: previewed, never changed, so that a member is not rolled
 * out against an archive with changes still pending.
 *
 * @param projectName the project of {@code Pulumi.yaml}
 * @param stacks      in rollout order: each stack after every stack it depends on
 */
public record RolloutPlan(String projectName, List<Entry> stacks) {
    private static final Pattern STACK_FILE = Pattern.compile("Pulumi\\.([^.]+)\\.yaml");
    private static final Set<String> TOPOLOGIES = Set.of("standalone", "archive", "member");

    /** A stack of the plan: rolled out when {@code selected}, previewed only as a gate otherwise. */
    public record Entry(RolloutStack stack, boolean selected, List<String> dependsOn) {
        public String name() {
            return stack.name();
        }
    }

    /** A plan that cannot be made: a missing stack file or archive, a cycle. Nothing has run yet. */
    public static final class PlanException extends RuntimeException {
        public PlanException(String message) {
            super(message);
        }
    }

    /** What to roll out: every stack file, the named stacks, or the stacks of one topology. */
    public record Selection(List<String> names, Optional<String> topology) {
        public static Selection all() {
            return new Selection(List.of(), Optional.empty());
        }

        public static Selection of(List<String> names) {
            return new Selection(List.copyOf(names), Optional.empty());
        }

        public static Selection topology(String topology) {
            return new Selection(List.of(), Optional.of(topology));
        }
    }

    public Optional<Entry> entry(String name) {
        return stacks.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }

    /** The stack names of every {@code Pulumi.<stack>.yaml} of the project directory, sorted. */
    public static List<String> stackFiles(Path projectDirectory) {
        try (var files = Files.list(projectDirectory)) {
            return files.map(file -> STACK_FILE.matcher(file.getFileName().toString()))
                    .filter(java.util.regex.Matcher::matches)
                    .map(matcher -> matcher.group(1))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + projectDirectory, e);
        }
    }

    public static RolloutPlan make(Path projectDirectory, Selection selection) {
        var projectFile = projectDirectory.resolve("Pulumi.yaml");
        if (!Files.isRegularFile(projectFile)) {
            throw new PlanException(
                    "no Pulumi.yaml in " + projectDirectory + ": run the rollout in the project directory");
        }
        var projectName = new dev.seslogs.simulation.StackFiles(projectDirectory, "-").projectName();
        var known = new LinkedHashMap<String, RolloutStack>();
        for (var name : stackFiles(projectDirectory)) {
            known.put(name, RolloutStack.read(projectDirectory, name));
        }

        // The selection.
        var selected = new LinkedHashSet<String>();
        if (!selection.names().isEmpty()) {
            var missing = selection.names().stream()
                    .filter(name -> !known.containsKey(name))
                    .toList();
            if (!missing.isEmpty()) {
                throw new PlanException("no stack file for "
                        + String.join(
                                ", ",
                                missing.stream()
                                        .map(name -> "Pulumi." + name + ".yaml")
                                        .toList()) + " (stacks here: " + String.join(", ", known.keySet()) + ")");
            }
            selected.addAll(selection.names());
        } else if (selection.topology().isPresent()) {
            var topology = selection.topology().get();
            if (!TOPOLOGIES.contains(topology)) {
                throw new PlanException("unknown topology " + topology + " (standalone, archive or member)");
            }
            known.values().stream()
                    .filter(stack -> stack.topology().equals(topology))
                    .forEach(stack -> selected.add(stack.name()));
            if (selected.isEmpty()) {
                throw new PlanException("no stack file has topology " + topology);
            }
        } else {
            selected.addAll(known.keySet());
        }
        if (selected.isEmpty()) {
            throw new PlanException("no stack files (Pulumi.<stack>.yaml) in " + projectDirectory);
        }

        // Dependencies: the stack each one references, which must be a stack file of this project.
        var dependencies = new LinkedHashMap<String, List<String>>();
        var problems = new ArrayList<String>();
        var closure = new LinkedHashSet<>(selected);
        var queue = new ArrayList<>(selected);
        while (!queue.isEmpty()) {
            var stack = known.get(queue.remove(0));
            var dependsOn = new ArrayList<String>();
            if (stack.archiveStack().isPresent()) {
                var reference = stack.archiveStack().get();
                var archive = stack.archiveName().orElseThrow();
                var project = stack.archiveProject();
                if (project.isPresent() && !project.get().equals(projectName)) {
                    problems.add(stack.name() + " references " + reference + ", a stack of project " + project.get()
                            + ", not of " + projectName + ": the rollout can only order stacks of this project");
                } else if (!known.containsKey(archive)) {
                    problems.add("missing archive: " + stack.name() + " references " + reference
                            + ", but there is no Pulumi." + archive + ".yaml");
                } else {
                    dependsOn.add(archive);
                    if (closure.add(archive)) {
                        queue.add(archive);
                    }
                }
            } else if (stack.topology().equals("member")) {
                problems.add("missing archive: " + stack.name() + " is a member without ses-logs:archiveStack");
            }
            dependencies.put(stack.name(), List.copyOf(dependsOn));
        }
        if (!problems.isEmpty()) {
            throw new PlanException(String.join("\n", problems));
        }

        // Order: depth first; among stacks free to go, those others wait for (archives) first, then by
        // name; a stack met again on its own path is a cycle.
        var waitedFor = new TreeSet<String>();
        dependencies.values().forEach(waitedFor::addAll);
        var starts = new ArrayList<>(known.keySet());
        starts.sort(java.util.Comparator.comparing((String name) -> !waitedFor.contains(name)));
        var ordered = new ArrayList<Entry>();
        var done = new TreeSet<String>();
        for (var name : starts) {
            if (closure.contains(name)) {
                visit(name, new ArrayList<>(), done, dependencies, known, selected, ordered);
            }
        }
        return new RolloutPlan(projectName, List.copyOf(ordered));
    }

    private static void visit(
            String name,
            List<String> path,
            Set<String> done,
            Map<String, List<String>> dependencies,
            Map<String, RolloutStack> known,
            Set<String> selected,
            List<Entry> ordered) {
        if (done.contains(name)) {
            return;
        }
        if (path.contains(name)) {
            var cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            throw new PlanException("cycle of stack references: " + String.join(" -> ", cycle)
                    + " (each reads the next one's outputs, so none can be rolled out first)");
        }
        path.add(name);
        for (var dependency : dependencies.get(name)) {
            visit(dependency, path, done, dependencies, known, selected, ordered);
        }
        path.remove(path.size() - 1);
        done.add(name);
        ordered.add(new Entry(known.get(name), selected.contains(name), dependencies.get(name)));
    }
}
