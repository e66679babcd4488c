package dev.seslogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seslogs.simulation.DeclaredResource;
import dev.seslogs.simulation.StackSimulation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The stack as a whole: its shape, its exports, tags everywhere, and names that never move. */
class StackTest {

    @Test
    void everyResourceBelongsToAComponentOfItsConcern() {
        var stack = Stacks.typical();
        var components = stack.resources().stream()
                .filter(r -> r.type().startsWith("ses-logs:index:"))
                .collect(Collectors.toMap(DeclaredResource::urn, DeclaredResource::type));
        assertEquals(
                Set.of(
                        "ses-logs:index:LogArchive",
                        "ses-logs:index:EventStream",
                        "ses-logs:index:SesWiring",
                        "ses-logs:index:QueryCatalog",
                        "ses-logs:index:Notifications",
                        "ses-logs:index:Alarms",
                        "ses-logs:index:OperationsDashboard"),
                Set.copyOf(components.values()));
        for (var resource : stack.customResources()) {
            if (!resource.type().startsWith("pulumi:providers:")) {
                assertTrue(
                        components.containsKey(resource.parentUrn()),
                        resource.urn() + " is not parented to a component");
            }
        }
    }

    @Test
    void everyAwsResourceUsesTheStacksOwnProvider() {
        var stack = Stacks.run(Stacks.with(
                        Stacks.with(Stacks.typicalConfig(), "allowedAccountIds", "[\"123456789012\"]"),
                        "assumeRoleArn",
                        "arn:aws:iam::123456789012:role/deployer"))
                .orThrow();
        var provider = stack.one("pulumi:providers:aws");
        assertEquals("ap-northeast-1", provider.input("region"));
        assertTrue(String.valueOf(provider.input("allowedAccountIds")).contains("123456789012"));
        assertTrue(String.valueOf(provider.input("assumeRole")).contains("arn:aws:iam::123456789012:role/deployer"));
        assertTrue(
                String.valueOf(provider.input("assumeRole")).contains("ses-logs-pulumi"),
                "a session name CloudTrail shows");
        assertTrue(String.valueOf(provider.input("defaultTags")).contains("Cost"));
        var reference = provider.urn() + "::" + provider.id();
        for (var resource : stack.customResources()) {
            if (resource.type().startsWith("aws:")) {
                assertEquals(reference, resource.provider(), resource.urn());
            }
        }
    }

    @Test
    void aStackCannotDeployIntoAnAccountItDoesNotAllow() {
        var result = Stacks.run(Stacks.with(Stacks.typicalConfig(), "allowedAccountIds", "[\"999999999999\"]"));
        assertTrue(result.failure().isPresent());
        assertTrue(
                result.failure().get().getMessage().contains("AWS account ID not allowed: 123456789012"),
                result.failure().get().getMessage());
        assertTrue(
                result.customResources().stream().noneMatch(r -> r.type().startsWith("aws:")),
                "nothing may be created in the wrong account");
    }

    @Test
    void theRegionComesFromTheStacksSettings() {
        var stack = Stacks.run(Stacks.with(Stacks.typicalConfig(), "region", "eu-central-1"))
                .orThrow();
        assertEquals("ses-logs-123456789012-eu-central-1", stack.exports().get("logBucketName"));
        assertEquals(
                "arn:aws:sns:eu-central-1:123456789012:ses-logs-feedback",
                stack.exports().get("feedbackTopicArn"));
    }

    @Test
    void exportsWhatAUserLooksUpAfterDeploying() {
        var exports = Stacks.typical().exports();
        var name = "ses-logs-123456789012-ap-northeast-1";
        assertEquals(name, exports.get("logBucketName"));
        assertEquals(name, exports.get("eventStreamName"));
        assertEquals("/aws/firehose/" + name, exports.get("eventStreamLogGroupName"));
        assertEquals(name, exports.get("configurationSetName"));
        assertEquals("arn:aws:sns:ap-northeast-1:123456789012:ses-logs-feedback", exports.get("feedbackTopicArn"));
        assertEquals("ses_logs_ap_northeast_1", exports.get("glueDatabaseName"));
        assertEquals("ses-logs-ap-northeast-1", exports.get("athenaWorkgroupName"));
        assertEquals("arn:aws:s3:::" + name, exports.get("logBucketArn"));
        assertEquals("standalone", exports.get("topology"));
        assertEquals("123456789012", exports.get("accountId"));
        assertEquals("ap-northeast-1", exports.get("region"));
        assertEquals(400, ((Number) exports.get("logRetentionDays")).intValue());
        assertEquals(400, ((Number) exports.get("logGroupRetentionDays")).intValue());
        assertTrue(exports.containsKey("dnsRecords"));
        assertEquals("arn:aws:sns:ap-northeast-1:123456789012:ses-logs-alerts", exports.get("alertsTopicArn"));
    }

    /** Whether the provider lets this resource type carry tags: its Args class has a {@code tags} property. */
    private static boolean taggable(String type) {
        var token = type.split(":");
        var module = token[1].substring(0, token[1].indexOf('/'));
        try {
            Class.forName("com.pulumi.aws." + module + "." + token[2] + "Args").getMethod("tags");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no provider class for " + type, e);
        }
    }

    @Test
    void everyTaggableResourceCarriesTheCostTag() {
        var stack = Stacks.run(Stacks.with(Stacks.typicalConfig(), "costTag", "mail platform"))
                .orThrow();
        var taggable = stack.customResources().stream()
                .filter(r -> r.type().startsWith("aws:") && taggable(r.type()))
                .toList();
        assertTrue(
                taggable.size() >= 10,
                "expected the bucket, stream, roles, log group, set, identities, topic, database, workgroup");
        for (var resource : taggable) {
            assertEquals(Map.of("Cost", "mail platform"), resource.input("tags"), resource.urn());
        }
        assertFalse(taggable("aws:s3/bucketPolicy:BucketPolicy"), "the check must be able to tell");
    }

    /** Every physical name the stack sets, by resource URN. */
    private static Map<String, Object> physicalNames(StackSimulation.Result stack) {
        var names = new TreeMap<String, Object>();
        for (var resource : stack.customResources()) {
            for (var key : List.of("bucket", "name", "configurationSetName", "emailIdentity", "eventDestinationName")) {
                if (resource.input(key) != null) {
                    names.put(resource.urn() + "#" + key, resource.input(key));
                }
            }
        }
        return names;
    }

    @Test
    void changingRetentionTagOrLimitsRenamesNothing() {
        var before = physicalNames(Stacks.typical());
        var changed = Stacks.typicalConfig();
        changed = Stacks.with(changed, "retentionDays", "90");
        changed = Stacks.with(changed, "costTag", "other-team");
        changed = Stacks.with(changed, "queryScanLimitMb", "100");
        changed = Stacks.with(changed, "queryResultRetentionDays", "3");
        changed = Stacks.with(changed, "trackOpensAndClicks", "true");
        assertEquals(before, physicalNames(Stacks.run(changed).orThrow()));
    }

    @Test
    void theNamePrefixSeparatesTwoStacksInOneAccountAndRegion() {
        var second = Stacks.run(Stacks.with(Stacks.typicalConfig(), "namePrefix", "ses-logs-blue"))
                .orThrow();
        assertEquals(
                "ses-logs-blue-123456789012-ap-northeast-1", second.exports().get("logBucketName"));
        assertEquals(
                "ses-logs-blue-ses-to-firehose-ap-northeast-1",
                second.named("aws:iam/role:Role", "ses-to-firehose-role").input("name"));
    }

    @Test
    void aStackWithoutIdentitiesStillBuildsThePipeline() {
        var empty = Stacks.run(Stacks.minimalConfig()).orThrow();
        assertEquals(0, empty.ofType("aws:sesv2/emailIdentity:EmailIdentity").size());
        assertEquals(
                1,
                empty.ofType("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")
                        .size());
        assertEquals(Map.of(), empty.exports().get("dnsRecords"));
    }

    @Test
    void invalidConfigurationStopsTheProgramBeforeAnyResourceIsRegistered() {
        var result = Stacks.run(Stacks.with(Stacks.typicalConfig(), "retentionDays", "1000"));
        assertTrue(result.failure().isPresent(), "the program should fail");
        assertTrue(
                result.failure()
                        .get()
                        .getMessage()
                        .contains("ses-logs:retentionDays is 1000; allowed: a whole number of days from 35 to 540"),
                result.failure().get().getMessage());
        assertEquals(
                List.of("pulumi:pulumi:Stack"),
                result.resources().stream().map(r -> r.type()).toList(),
                "nothing but the root stack may be registered");
    }
}
