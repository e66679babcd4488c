package dev.seslogs.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seslogs.Json;
import dev.seslogs.Stacks;
import dev.seslogs.simulation.DeclaredResource;
import dev.seslogs.simulation.StackSimulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LogArchiveTest {
    private static final String BUCKET = "ses-logs-123456789012-ap-northeast-1";
    private static final String BUCKET_ARN = "arn:aws:s3:::" + BUCKET;
    private static StackSimulation.Result stack;

    @BeforeAll
    static void deploy() {
        stack = Stacks.typical();
    }

    private static DeclaredResource bucketSetting(String type) {
        var resource = stack.one(type);
        assertEquals(BUCKET, resource.input("bucket"), type + " must configure the log bucket");
        return resource;
    }

    @Test
    void bucketIsNamedLikeTheArticlesAndTagged() {
        var bucket = stack.one("aws:s3/bucketV2:BucketV2");
        assertEquals(BUCKET, bucket.input("bucket"));
        assertEquals(BUCKET_ARN, bucket.output("arn"));
        assertEquals(Map.of("Cost", "SES"), bucket.input("tags"));
        assertEquals(false, bucket.input("forceDestroy"), "destroying must never empty the bucket");
    }

    @Test
    void bucketIsProtectedFromDeletionAndReplacementAndRetained() {
        var bucket = stack.one("aws:s3/bucketV2:BucketV2");
        assertTrue(bucket.protect(), "protect: a destroy or replacement fails instead of deleting the logs");
        assertTrue(bucket.retainOnDelete(), "retainOnDelete: even an unprotected delete keeps the logs");
    }

    @Test
    void everyPublicAccessIsBlocked() {
        var block = bucketSetting("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        for (var flag : List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
            assertEquals(true, block.input(flag), flag);
        }
    }

    @Test
    void aclsAreDisabled() {
        assertEquals(
                "BucketOwnerEnforced",
                bucketSetting("aws:s3/bucketOwnershipControls:BucketOwnershipControls")
                        .input("rule.objectOwnership"));
    }

    @Test
    void objectsAreEncryptedByDefault() {
        var encryption = bucketSetting(
                "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2");
        assertEquals("AES256", encryption.input("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"));
    }

    @Test
    void policyDeniesEveryRequestWithoutTls12() {
        var policy = bucketSetting("aws:s3/bucketPolicy:BucketPolicy").input("policy");
        var insecure = Json.statement(policy, "DenyInsecureTransport");
        assertEquals("Deny", insecure.get("Effect").asText());
        assertEquals("*", insecure.get("Principal").asText());
        assertEquals(List.of("s3:*"), Json.strings(insecure.get("Action")));
        assertEquals(List.of(BUCKET_ARN, BUCKET_ARN + "/*"), Json.strings(insecure.get("Resource")));
        assertEquals("false", insecure.at("/Condition/Bool/aws:SecureTransport").asText());
        var outdated = Json.statement(policy, "DenyOutdatedTls");
        assertEquals(
                "1.2", outdated.at("/Condition/NumericLessThan/s3:TlsVersion").asText());
        for (var statement : Json.parse(policy).get("Statement")) {
            assertEquals("Deny", statement.get("Effect").asText(), "the bucket policy grants nothing");
        }
    }

    @Test
    void bucketSettingsAreAppliedOneAfterAnother() {
        var ownership = stack.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls");
        var block = stack.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        var encryption =
                stack.one("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2");
        var policy = stack.one("aws:s3/bucketPolicy:BucketPolicy");
        var lifecycle = stack.one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2");
        assertTrue(block.dependencies().contains(ownership.urn()));
        assertTrue(encryption.dependencies().contains(block.urn()));
        assertTrue(policy.dependencies().contains(encryption.urn()));
        assertTrue(lifecycle.dependencies().contains(policy.urn()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rule(StackSimulation.Result result, String id) {
        var rules = (List<Map<String, Object>>)
                result.one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")
                        .input("rules");
        return rules.stream()
                .filter(r -> id.equals(r.get("id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + id));
    }

    @Test
    void logsExpireAfterTheConfiguredRetention() {
        var rule = rule(stack, "expire-logs-after-retention");
        assertEquals("Enabled", rule.get("status"));
        assertEquals(Map.of("prefix", ""), rule.get("filter"), "the whole bucket");
        assertEquals(400, ((Map<?, ?>) rule.get("expiration")).get("days"));

        var shorter = Stacks.run(Stacks.with(Stacks.typicalConfig(), "retentionDays", "90"))
                .orThrow();
        assertEquals(
                90, ((Map<?, ?>) rule(shorter, "expire-logs-after-retention").get("expiration")).get("days"));
    }

    @Test
    void incompleteUploadsAreAbortedAndQueryResultsExpireSooner() {
        var abort = rule(stack, "abort-incomplete-multipart-uploads");
        assertEquals(1, ((Map<?, ?>) abort.get("abortIncompleteMultipartUpload")).get("daysAfterInitiation"));
        var results = rule(stack, "expire-athena-query-results");
        assertEquals(Map.of("prefix", "athenaAdhocQueries/"), results.get("filter"));
        assertEquals(30, ((Map<?, ?>) results.get("expiration")).get("days"));
    }

    @Test
    void versioningKeepsDeletedLogsRecoverableForThirtyDaysWhenOn() {
        assertEquals(
                0, stack.ofType("aws:s3/bucketVersioningV2:BucketVersioningV2").size());
        var versioned = Stacks.run(Stacks.with(Stacks.typicalConfig(), "logBucketVersioning", "true"))
                .orThrow();
        var versioning = versioned.one("aws:s3/bucketVersioningV2:BucketVersioningV2");
        assertEquals("Enabled", versioning.input("versioningConfiguration.status"));
        var noncurrent = rule(versioned, "remove-noncurrent-versions");
        assertEquals(30, ((Map<?, ?>) noncurrent.get("noncurrentVersionExpiration")).get("noncurrentDays"));
        assertEquals(true, ((Map<?, ?>) noncurrent.get("expiration")).get("expiredObjectDeleteMarker"));
        assertTrue(
                versioned
                        .one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")
                        .dependencies()
                        .contains(versioning.urn()),
                "lifecycle rules for noncurrent versions after versioning is on");
    }

    @Test
    void newObjectsAreVisibleToEventBridge() {
        var notification = bucketSetting("aws:s3/bucketNotification:BucketNotification");
        assertEquals(true, notification.input("eventbridge"));
        assertTrue(notification
                .dependencies()
                .contains(stack.one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")
                        .urn()));
    }

    @Test
    void onlyTheBucketIsProtected() {
        var protectedTypes = stack.customResources().stream()
                .filter(DeclaredResource::protect)
                .map(DeclaredResource::type)
                .toList();
        assertEquals(List.of("aws:s3/bucketV2:BucketV2"), protectedTypes);
        assertFalse(stack.one("aws:s3/bucketPolicy:BucketPolicy").protect());
    }

    @Test
    void logObjectsMoveToTheChosenClassAndAthenaResultsStay() {
        assertTrue(stackRules(stack).stream().noneMatch(r -> r.containsKey("transitions")), "no transition by default");
        var moved = Stacks.run(Stacks.with(
                        Stacks.with(Stacks.typicalConfig(), "logStorageClass", "GLACIER_IR"),
                        "logStorageClassAfterDays",
                        "90"))
                .orThrow();
        var transitions = stackRules(moved).stream()
                .filter(r -> r.containsKey("transitions"))
                .toList();
        assertEquals(
                List.of("move-partitioned-to-glacier-ir", "move-errorLog-to-glacier-ir"),
                transitions.stream().map(r -> r.get("id")).toList());
        assertEquals(
                List.of(Map.of("prefix", "partitioned/"), Map.of("prefix", "errorLog/")),
                transitions.stream().map(r -> r.get("filter")).toList());
        for (var rule : transitions) {
            assertEquals(List.of(Map.of("days", 90, "storageClass", "GLACIER_IR")), rule.get("transitions"));
        }
    }

    @Test
    void theSimulatedS3RefusesTransitionsS3Refuses() {
        var refused = lifecycleRefusal(400, 20, "STANDARD_IA");
        assertTrue(
                refused.getMessage().contains("greater than or equal to 30 for storageClass 'STANDARD_IA'"),
                refused.getMessage());
        var afterExpiry = lifecycleRefusal(60, 90, "GLACIER_IR");
        assertTrue(afterExpiry.getMessage().contains("Expiration action"), afterExpiry.getMessage());
    }

    /** What the simulated S3 says to a lifecycle rule that expires and transitions objects at these ages. */
    private static RuntimeException lifecycleRefusal(int expirationDays, int transitionDays, String storageClass) {
        var aws = new dev.seslogs.simulation.SimulatedAws();
        return org.junit.jupiter.api.Assertions.assertThrows(
                RuntimeException.class,
                () -> aws.create(
                        "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                        "lifecycle",
                        Map.of(
                                "bucket",
                                BUCKET,
                                "rules",
                                List.of(Map.of(
                                        "id",
                                        "r",
                                        "status",
                                        "Enabled",
                                        "expiration",
                                        Map.of("days", expirationDays),
                                        "transitions",
                                        List.of(Map.of("days", transitionDays, "storageClass", storageClass))))),
                        Map.of("region", "ap-northeast-1"),
                        java.util.Optional.empty()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> stackRules(StackSimulation.Result result) {
        return (List<Map<String, Object>>)
                result.one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")
                        .input("rules");
    }
}
