package dev.seslogs.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seslogs.rollout.StackResult.Outcome;
import dev.seslogs.rollout.simulated.SimulatedEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The rollout on the real Pulumi engine (CLI and Java host from scripts/engine/build), through
 * the same Automation API code as {@code bash scripts/rollout}: an archive and three members
 * (one in another region, one with its own KMS key) rolled out from nothing into a file backend,
 * against simulated AWS, then a change to all of them, then a member in the wrong account, a
 * preview that changes nothing, a member refused for its archive's pending changes, a locked stack.
 * Each step builds on the state the one before left (the methods run in order).
 *
 * <p>Tagged {@code engine}: not in the fast loop; {@code bash scripts/test} runs it
 * ({@code mvn -Pengine-tests test -Dengine.bin=DIR}).
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutEngineTest {
    private static final String ARCHIVE = "hub";
    private static final List<String> MEMBERS = List.of("tokyo", "ireland", "keyed");
    /** What each stack's credentials reach: fixed, whatever its stack file later says. */
    private static final Map<String, String> ACCOUNTS =
            Map.of("hub", "333333333333", "tokyo", "444444444444", "ireland", "555555555555", "keyed", "666666666666");

    private Path project;
    private Path packConfig;
    private SimulatedEnvironment environment;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeAll
    void workspace() throws Exception {
        var engineBin = Optional.ofNullable(System.getenv("SES_LOGS_ENGINE_BIN"))
                .map(Path::of)
                .orElseThrow(
                        () -> new IllegalStateException(
                                "SES_LOGS_ENGINE_BIN is not set: run with -Pengine-tests -Dengine.bin=$(bash scripts/engine/build)"));
        project = Files.createTempDirectory("rollout-engine-test-");
        Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        writeStacks("SES", "SES", "[\"555555555555\"]");
        // The pack as shipped: every policy at its own level (a stack with customerManagedKey passes
        // with the key statements SES and EventBridge document, which the pack accepts exactly).
        packConfig = project.resolve("policy-config.json");
        Files.writeString(packConfig, "{}");
        environment = new SimulatedEnvironment(
                project,
                Path.of("target/ses-logs.jar").toAbsolutePath(),
                engineBin,
                Path.of("policy/analyzer").toAbsolutePath(),
                stack -> Optional.ofNullable(ACCOUNTS.get(stack)),
                false,
                Optional.empty());
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (environment != null) {
            environment.close();
        }
        try (var files = Files.walk(project)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        }
    }

    /** The archive hub and its members; costTag of the archive and of the members, ireland's allowedAccountIds. */
    private void writeStacks(String archiveCost, String memberCost, String irelandAccounts) throws Exception {
        Files.writeString(
                project.resolve("Pulumi.hub.yaml"),
                """
                config:
                  ses-logs:region: ap-northeast-1
                  ses-logs:allowedAccountIds: ["333333333333"]
                  ses-logs:topology: archive
                  ses-logs:memberAccounts: ["444444444444", "555555555555", "666666666666"]
                  ses-logs:costTag: %s
                """
                        .formatted(archiveCost));
        member("tokyo", "ap-northeast-1", "[\"444444444444\"]", memberCost, "");
        member("ireland", "eu-west-1", irelandAccounts, memberCost, "");
        member("keyed", "ap-northeast-1", "[\"666666666666\"]", memberCost, "  ses-logs:customerManagedKey: true\n");
    }

    private void member(String stack, String region, String accounts, String cost, String extra) throws Exception {
        Files.writeString(
                project.resolve("Pulumi." + stack + ".yaml"),
                """
                config:
                  ses-logs:region: %s
                  ses-logs:allowedAccountIds: %s
                  ses-logs:topology: member
                  ses-logs:archiveStack: acme/ses-logs/hub
                  ses-logs:costTag: %s
                  ses-logs:identities: ["%s.example.com"]
                """
                                .formatted(region, accounts, cost, stack)
                        + extra);
    }

    private RolloutSummary rollout(RolloutPlan.Selection selection, boolean up) {
        var plan = RolloutPlan.make(project, selection);
        var out = new PrintStream(log, true, StandardCharsets.UTF_8);
        var summary = new Rollout(environment, new Rollout.Options(up, 2, false, List.of(packConfig.toString())), out)
                .run(plan);
        out.print(summary.table());
        System.out.print(summary.table());
        return summary;
    }

    /** A stack's outputs, from its exported state (the SDK's getOutputs() reads strings only). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> outputs(String stack) throws Exception {
        try (var workspace = com.pulumi.automation.LocalWorkspace.create(environment.workspace(stack, false))) {
            var resources = (List<Map<String, Object>>)
                    workspace.exportStack(stack).deployment().get("resources");
            return resources.stream()
                    .filter(resource -> "pulumi:pulumi:Stack".equals(resource.get("type")))
                    .map(resource -> (Map<String, Object>) resource.get("outputs"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static void assertArchiveBeforeMembers(RolloutSummary summary) {
        var archive = summary.stack(ARCHIVE).orElseThrow();
        for (var member : MEMBERS) {
            var line = summary.stack(member).orElseThrow();
            assertFalse(
                    line.startedAt().isBefore(archive.endedAt()), member + " started before the archive's line ended");
            assertEquals(List.of(ARCHIVE), line.dependsOn());
        }
        assertEquals(ARCHIVE, summary.stacks().get(0).name(), "the archive comes first in the plan and the summary");
    }

    /** A preview-only rollout skips the engine's per-step checkpoints; one with --up keeps them. */
    @Test
    @Order(0)
    void onlyAPreviewOnlyRolloutSkipsTheEnginesCheckpoints() throws Exception {
        assertEquals(
                "true",
                environment.workspace(ARCHIVE, true).environmentVariables().get("PULUMI_SKIP_CHECKPOINTS"));
        assertEquals(
                null,
                environment.workspace(ARCHIVE, false).environmentVariables().get("PULUMI_SKIP_CHECKPOINTS"));
    }

    @Test
    @Order(1)
    void rollsOutTheArchiveAndThreeMembersFromNothing() throws Exception {
        var summary = rollout(RolloutPlan.Selection.all(), true);
        assertTrue(summary.ok(), summary.table());
        assertArchiveBeforeMembers(summary);
        for (var stack : summary.stacks()) {
            assertEquals(Outcome.ROLLED_OUT, stack.outcome(), stack.name());
            assertTrue(stack.planned().getOrDefault("create", 0) > 20, stack.name() + " planned " + stack.planned());
            assertEquals(stack.planned(), stack.made(), stack.name() + ": made what the preview planned");
            assertEquals(0, stack.mandatoryViolations(), stack.name() + " " + stack.policyViolations());
            assertTrue(stack.deployed(), stack.name() + " has outputs");
        }
        // The key's service statements keep the shapes their guides document, which the pack accepts.
        var flagged = summary.stacks().stream()
                .flatMap(stack -> stack.policyViolations().stream())
                .filter(violation -> violation.policy().equals("resource-policy-principals-narrowed"))
                .toList();
        assertEquals(List.of(), flagged, "the keyed member's key policy passes the pack as it is");
        // The member with its own key creates it; the others do not.
        assertTrue(summary.stack("keyed").orElseThrow().changes().stream()
                .anyMatch(change -> change.type().equals("aws:kms/key:Key")));
        assertFalse(summary.stack("tokyo").orElseThrow().changes().stream()
                .anyMatch(change -> change.type().equals("aws:kms/key:Key")));
        // Each member's StackReference read the archive's real outputs (ported from scripts/engine/test).
        var archiveBucket = outputs(ARCHIVE).get("logBucketName");
        assertTrue(
                String.valueOf(archiveBucket).startsWith("ses-logs-333333333333-ap-northeast-1"),
                String.valueOf(archiveBucket));
        for (var member : MEMBERS) {
            assertEquals(archiveBucket, outputs(member).get("archiveBucketName"), member);
        }
        // The member in another region has its stream there.
        assertTrue(summary.stack("ireland").orElseThrow().changes().stream()
                .anyMatch(change -> change.type().equals("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")));
    }

    @Test
    @Order(2)
    void aChangeToEveryStackRollsOutArchiveFirstAndOnlyUpdates() throws Exception {
        writeStacks("SES-2", "SES-2", "[\"555555555555\"]");
        var summary = rollout(RolloutPlan.Selection.all(), true);
        assertTrue(summary.ok(), summary.table());
        assertArchiveBeforeMembers(summary);
        for (var stack : summary.stacks()) {
            assertEquals(Outcome.ROLLED_OUT, stack.outcome(), stack.name());
            assertEquals(
                    0,
                    StackResult.changeCount(stack.drift()),
                    stack.name() + ": refresh found no drift: " + stack.drift());
            assertTrue(stack.drift().getOrDefault("same", 0) > 20, stack.name() + " was refreshed: " + stack.drift());
            assertTrue(stack.made().getOrDefault("update", 0) > 5, stack.name() + " made " + stack.made());
            assertEquals(
                    stack.made().get("update"),
                    StackResult.changeCount(stack.made()),
                    stack.name() + ": updates only: " + stack.made());
        }
        var json = summary.json();
        assertEquals("up", json.get("mode").asText());
        assertTrue(json.get("ok").asBoolean());
        assertEquals(
                List.of("hub", "ireland", "keyed", "tokyo"),
                java.util.stream.StreamSupport.stream(json.get("stacks").spliterator(), false)
                        .map(node -> node.get("name").asText())
                        .toList());
    }

    @Test
    @Order(3)
    void aMemberInTheWrongAccountFailsAloneAndTheOthersRollOut() throws Exception {
        writeStacks("SES-2", "SES-3", "[\"999999999999\"]");
        var summary = rollout(RolloutPlan.Selection.all(), true);
        assertFalse(summary.ok());
        assertEquals(Outcome.UNCHANGED, summary.stack(ARCHIVE).orElseThrow().outcome());
        for (var member : List.of("tokyo", "keyed")) {
            var line = summary.stack(member).orElseThrow();
            assertEquals(Outcome.ROLLED_OUT, line.outcome(), member);
            assertTrue(line.made().getOrDefault("update", 0) > 5, member + " made " + line.made());
        }
        var ireland = summary.stack("ireland").orElseThrow();
        assertEquals(Outcome.FAILED, ireland.outcome());
        assertTrue(ireland.reason().startsWith("wrong account"), ireland.reason());
        assertTrue(
                ireland.reason().contains("555555555555") && ireland.reason().contains("999999999999"),
                ireland.reason());
        assertTrue(summary.table().contains("ireland: failed: wrong account"), summary.table());
        assertTrue(summary.table().contains("1 not ok (ireland)"), summary.table());
        var json = summary.json().get("stacks");
        var irelandJson = java.util.stream.StreamSupport.stream(json.spliterator(), false)
                .filter(node -> node.get("name").asText().equals("ireland"))
                .findFirst()
                .orElseThrow();
        assertEquals("failed", irelandJson.get("result").asText());
        assertTrue(irelandJson.get("reason").asText().contains("AWS account ID not allowed"));
        writeStacks("SES-2", "SES-3", "[\"555555555555\"]");
    }

    @Test
    @Order(4)
    void withoutUpEveryStackIsRefreshedAndPreviewedAndNothingChanges() throws Exception {
        writeStacks("SES-4", "SES-4", "[\"555555555555\"]");
        var summary = rollout(RolloutPlan.Selection.all(), false);
        assertTrue(summary.ok(), summary.table());
        for (var stack : summary.stacks()) {
            assertEquals(Outcome.PREVIEWED, stack.outcome(), stack.name());
            assertTrue(
                    stack.drift().getOrDefault("same", 0) > 20,
                    stack.name() + " refreshed (preview only): " + stack.drift());
            assertTrue(stack.planned().getOrDefault("update", 0) > 5, stack.name() + " planned " + stack.planned());
            assertTrue(stack.made().isEmpty(), stack.name() + " made " + stack.made());
        }
        assertEquals("preview", summary.json().get("mode").asText());
        // Nothing changed: the same preview again plans the same.
        var again = rollout(RolloutPlan.Selection.of(List.of(ARCHIVE)), false);
        assertEquals(
                summary.stack(ARCHIVE).orElseThrow().planned(),
                again.stack(ARCHIVE).orElseThrow().planned());
    }

    @Test
    @Order(5)
    void aMemberIsRefusedWhileItsArchiveHasChangesPending() throws Exception {
        writeStacks("SES-4", "SES-3", "[\"555555555555\"]");
        var summary = rollout(RolloutPlan.Selection.of(List.of("ireland")), true);
        assertFalse(summary.ok());
        var archive = summary.stack(ARCHIVE).orElseThrow();
        assertEquals(Outcome.CHECKED, archive.outcome(), "the archive, not selected, is previewed only");
        assertTrue(archive.made().isEmpty());
        assertTrue(archive.planned().getOrDefault("update", 0) > 0);
        var ireland = summary.stack("ireland").orElseThrow();
        assertEquals(Outcome.REFUSED, ireland.outcome());
        assertTrue(ireland.reason().contains("its archive hub has pending changes"), ireland.reason());
        writeStacks("SES-2", "SES-3", "[\"555555555555\"]");
    }

    @Test
    @Order(6)
    void aStackLockedByAnotherUpdateIsReportedAsLocked() throws Exception {
        var locks = environment.directory().resolve("state/.pulumi/locks/organization/ses-logs/tokyo");
        Files.createDirectories(locks);
        var lock = locks.resolve("5a0c6c3e-3f63-4b8e-9a53-2f1f3c2a9d11.json");
        Files.writeString(
                lock,
                "{\"pid\": 4242, \"username\": \"deployer\", \"hostname\": \"ci-runner\", \"timestamp\": \"2026-12-02T06:00:00Z\"}");
        try {
            var summary = rollout(RolloutPlan.Selection.of(List.of("tokyo")), true);
            var tokyo = summary.stack("tokyo").orElseThrow();
            assertEquals(Outcome.FAILED, tokyo.outcome());
            assertTrue(tokyo.reason().startsWith("locked: another update of tokyo is in progress"), tokyo.reason());
        } finally {
            Files.delete(lock);
        }
    }
}
