package dev.seslogs.rollout;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happened to one stack of a rollout.
 *
 * @param name       the stack
 * @param topology   standalone, archive or member
 * @param selected   rolled out (true) or only previewed as the archive of a selected member
 * @param dependsOn  the stacks it waited for (its archive)
 * @param outcome    see {@link Outcome}
 * @param reason     why it failed, was skipped, refused or blocked; empty otherwise
 * @param drift      what refresh found different from the state, by operation (empty without refresh)
 * @param planned    what the preview planned, by operation ({@code same} included)
 * @param made       what {@code up} did, by operation (empty without up)
 * @param changes    the planned steps other than {@code same}
 * @param policyViolations every policy violation the pack reported in the preview
 * @param archivePending for an archive: whether it still had changes pending when its members ran
 * @param deployed   whether the stack had outputs after its line (a member can read it)
 * @param startedAt  when the stack's line started (after the stacks it depends on ended)
 * @param seconds    wall-clock duration of the stack's line
 */
public record StackResult(
        String name,
        String topology,
        boolean selected,
        List<String> dependsOn,
        Outcome outcome,
        String reason,
        Map<String, Integer> drift,
        Map<String, Integer> planned,
        Map<String, Integer> made,
        List<Change> changes,
        List<PolicyViolation> policyViolations,
        boolean archivePending,
        boolean deployed,
        java.time.Instant startedAt,
        double seconds) {

    /** When the stack's line ended. */
    public java.time.Instant endedAt() {
        return startedAt.plusMillis(Math.round(seconds * 1000));
    }

    public enum Outcome {
        /** preview only: previewed, with or without changes */
        PREVIEWED("previewed", true),
        /** --up: changes made */
        ROLLED_OUT("rolled out", true),
        /** --up: the preview planned nothing, so nothing ran */
        UNCHANGED("no changes", true),
        /** an archive not selected, previewed for its members */
        CHECKED("checked (not selected)", true),
        /** preview only: its archive is not deployed, so its StackReference has nothing to read yet */
        BLOCKED("not previewed", true),
        /** a step failed */
        FAILED("failed", false),
        /** the stack it depends on failed: never started */
        SKIPPED("skipped", false),
        /** --up: its archive had pending changes: not rolled out */
        REFUSED("refused", false);

        private final String label;
        private final boolean ok;

        Outcome(String label, boolean ok) {
            this.label = label;
            this.ok = ok;
        }

        public String label() {
            return label;
        }

        public boolean ok() {
            return ok;
        }
    }

    /** One planned step: {@code op} as the engine names it (create, update, replace, delete, ...). */
    public record Change(String op, String type, String name, List<String> properties) {}

    /** One policy violation: the policy, its enforcement level (mandatory, advisory), the resource and message. */
    public record PolicyViolation(String policy, String level, String urn, String message) {}

    /** Sum of the counts other than same (what would change, or what changed). */
    public static int changeCount(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .filter(entry -> !entry.getKey().equals("same"))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    public long mandatoryViolations() {
        return policyViolations.stream()
                .filter(violation -> violation.level().equals("mandatory"))
                .count();
    }

    public Optional<String> reasonIfAny() {
        return reason.isEmpty() ? Optional.empty() : Optional.of(reason);
    }
}
