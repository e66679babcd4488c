package dev.seslogs.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which stacks a rollout touches and in which order, from the stack files alone (no engine). */
class RolloutPlanTest {
    @TempDir
    Path project;

    private void project(String... stacks) throws Exception {
        Files.writeString(project.resolve("Pulumi.yaml"), "name: ses-logs\nruntime: java\n");
        for (var i = 0; i < stacks.length; i += 2) {
            Files.writeString(project.resolve("Pulumi." + stacks[i] + ".yaml"), "config:\n" + stacks[i + 1]);
        }
    }

    private static String member(String archive) {
        return "  ses-logs:topology: member\n  ses-logs:archiveStack: acme/ses-logs/" + archive + "\n";
    }

    private static final String ARCHIVE = "  ses-logs:topology: archive\n";

    private List<String> order(RolloutPlan plan) {
        return plan.stacks().stream().map(RolloutPlan.Entry::name).toList();
    }

    @Test
    void everyStackFileArchivesFirstEachMemberAfterItsArchive() throws Exception {
        project(
                "alpha",
                member("zeta"),
                "dev",
                "  ses-logs:region: eu-west-1\n",
                "zeta",
                ARCHIVE,
                "beta",
                member("zeta"));
        var plan = RolloutPlan.make(project, RolloutPlan.Selection.all());
        assertEquals(List.of("zeta", "alpha", "beta", "dev"), order(plan));
        assertEquals(List.of("zeta"), plan.entry("alpha").orElseThrow().dependsOn());
        assertEquals(List.of(), plan.entry("dev").orElseThrow().dependsOn());
        assertTrue(plan.stacks().stream().allMatch(RolloutPlan.Entry::selected));
    }

    @Test
    void theRepositoryStacksGoLogarchiveThenTheOthers() {
        var plan = RolloutPlan.make(Path.of("."), RolloutPlan.Selection.all());
        assertEquals("logarchive", plan.stacks().get(0).name());
        assertTrue(order(plan).indexOf("prod") > order(plan).indexOf("logarchive"));
        assertEquals("ses-logs", plan.projectName());
    }

    @Test
    void aSelectedMemberBringsItsArchiveAsAPreviewOnlyGate() throws Exception {
        project("hub", ARCHIVE, "one", member("hub"), "two", member("hub"));
        var plan = RolloutPlan.make(project, RolloutPlan.Selection.of(List.of("two")));
        assertEquals(List.of("hub", "two"), order(plan));
        assertFalse(plan.entry("hub").orElseThrow().selected());
        assertTrue(plan.entry("two").orElseThrow().selected());
    }

    @Test
    void aTopologySelectsItsStacks() throws Exception {
        project("hub", ARCHIVE, "one", member("hub"), "solo", "");
        assertEquals(List.of("hub", "one"), order(RolloutPlan.make(project, RolloutPlan.Selection.topology("member"))));
        assertEquals(List.of("solo"), order(RolloutPlan.make(project, RolloutPlan.Selection.topology("standalone"))));
        var unknown = assertThrows(
                RolloutPlan.PlanException.class,
                () -> RolloutPlan.make(project, RolloutPlan.Selection.topology("hub")));
        assertEquals("unknown topology hub (standalone, archive or member)", unknown.getMessage());
    }

    @Test
    void aMissingArchiveIsNamed() throws Exception {
        project("one", member("nowhere"), "two", "  ses-logs:topology: member\n");
        var e = assertThrows(
                RolloutPlan.PlanException.class, () -> RolloutPlan.make(project, RolloutPlan.Selection.all()));
        assertEquals(
                "missing archive: one references acme/ses-logs/nowhere, but there is no Pulumi.nowhere.yaml\n"
                        + "missing archive: two is a member without ses-logs:archiveStack",
                e.getMessage());
    }

    @Test
    void aCycleIsNamedWithItsPath() throws Exception {
        project("a", member("b"), "b", member("c"), "c", member("a"));
        var e = assertThrows(
                RolloutPlan.PlanException.class, () -> RolloutPlan.make(project, RolloutPlan.Selection.all()));
        assertEquals(
                "cycle of stack references: a -> b -> c -> a (each reads the next one's outputs, so none can be rolled out first)",
                e.getMessage());
    }

    @Test
    void aStackOfAnotherProjectOrWithoutAFileIsNamed() throws Exception {
        project("one", "  ses-logs:topology: member\n  ses-logs:archiveStack: acme/other/hub\n", "hub", ARCHIVE);
        var other = assertThrows(
                RolloutPlan.PlanException.class, () -> RolloutPlan.make(project, RolloutPlan.Selection.all()));
        assertTrue(other.getMessage().contains("a stack of project other, not of ses-logs"), other.getMessage());
        var missing = assertThrows(
                RolloutPlan.PlanException.class,
                () -> RolloutPlan.make(project, RolloutPlan.Selection.of(List.of("hub", "nosuch"))));
        assertEquals("no stack file for Pulumi.nosuch.yaml (stacks here: hub, one)", missing.getMessage());
    }

    @Test
    void theCommandStopsBeforeAnythingRunsOnAPlanOrUsageError() throws Exception {
        project("a", member("b"), "b", member("a"));
        var err = new ByteArrayOutputStream();
        var out = new ByteArrayOutputStream();
        var status = RolloutCommand.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                "--project-dir",
                project.toString(),
                "--up");
        assertEquals(2, status);
        assertTrue(
                err.toString(StandardCharsets.UTF_8).startsWith("rollout: cycle of stack references: a -> b -> a"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(
                2,
                RolloutCommand.run(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        "--parallel",
                        "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("rollout: --parallel must be at least 1, got 0"));
        assertEquals(
                2,
                RolloutCommand.run(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        "prod",
                        "--topology",
                        "member"));
    }

    @Test
    void argumentsSelectStacksAsListsOrTopology() {
        var arguments = RolloutCommand.Arguments.parse(
                "--stacks", "prod, dev", "logarchive", "--up", "--parallel", "4", "--json", "out.json");
        assertEquals(List.of("prod", "dev", "logarchive"), arguments.stacks());
        assertTrue(arguments.up());
        assertEquals(4, arguments.parallel());
        assertEquals(RolloutPlan.Selection.of(List.of("prod", "dev", "logarchive")), arguments.selection());
        var defaults = RolloutCommand.Arguments.parse();
        assertFalse(defaults.up(), "preview only unless --up");
        assertEquals(RolloutPlan.Selection.all(), defaults.selection());
        assertEquals(
                RolloutPlan.Selection.topology("member"),
                RolloutCommand.Arguments.parse("--topology", "member").selection());
        assertThrows(IllegalArgumentException.class, () -> RolloutCommand.Arguments.parse("--simulated"));
        assertThrows(IllegalArgumentException.class, () -> RolloutCommand.Arguments.parse("--bogus"));
    }

    @Test
    void whatTheSdkGetsWrongOnTheCommandLineIsCorrected() {
        assertEquals(
                List.of("preview", "--policy-pack", "p", "--policy-pack-config", "c.json"),
                CorrectedPulumiCommand.corrected(
                        List.of("preview", "--policy-pack", "p", "--policy-pack-configs", "c.json")));
        assertEquals(
                List.of("refresh", "--preview-only", "--stack", "dev"),
                CorrectedPulumiCommand.corrected(List.of("refresh", "--yes", "--preview-only", "--stack", "dev")));
        assertEquals(
                List.of("up", "--yes", "--skip-preview"),
                CorrectedPulumiCommand.corrected(List.of("up", "--yes", "--skip-preview")));
    }
}
