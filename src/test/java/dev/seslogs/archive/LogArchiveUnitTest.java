package dev.seslogs.archive;

import static dev.seslogs.ComponentTests.ACCOUNT_REGIONAL;
import static dev.seslogs.ComponentTests.input;
import static dev.seslogs.ComponentTests.json;
import static dev.seslogs.ComponentTests.sids;
import static dev.seslogs.ComponentTests.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.core.Output;
import dev.seslogs.ComponentTests;
import dev.seslogs.config.LogStorageClass;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogArchiveUnitTest {
    private static final String BUCKET = "aws:s3/bucketV2:BucketV2";
    private static final String LIFECYCLE = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
    private static final String VERSIONING = "aws:s3/bucketVersioningV2:BucketVersioningV2";
    private static final String POLICY = "aws:s3/bucketPolicy:BucketPolicy";
    private static final String ENCRYPTION =
            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
    private static final String BUCKET_ARN = "arn:aws:s3:::" + ACCOUNT_REGIONAL;
    private static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/unit";
    private static final List<String> BASE_RULES =
            List.of("expire-logs-after-retention", "abort-incomplete-multipart-uploads", "expire-athena-query-results");

    private static ComponentTests.Built<LogArchive> archive(
            boolean versioning, LogStorageClass storageClass, List<String> members, Optional<String> keyArn) {
        return ComponentTests.build(f -> new LogArchive(
                "log-archive",
                new LogArchive.Args(Map.of("Cost", "SES"), 400, 7, versioning, storageClass, 90, members),
                f.names(),
                f.target(),
                keyArn.map(Output::of),
                f.options()));
    }

    private static ComponentTests.Built<LogArchive> standard() {
        return archive(false, LogStorageClass.STANDARD, List.of(), Optional.empty());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules(ComponentTests.Built<LogArchive> built) {
        return (List<Map<String, Object>>) input(built.one(LIFECYCLE), "rules");
    }

    private static List<Object> ruleIds(ComponentTests.Built<LogArchive> built) {
        return rules(built).stream().map(rule -> rule.get("id")).toList();
    }

    private static Map<String, Object> rule(ComponentTests.Built<LogArchive> built, String id) {
        return rules(built).stream()
                .filter(rule -> id.equals(rule.get("id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + id));
    }

    @Test
    void theBucketIsProtectedRetainedAndNeverForceDestroyed() {
        var built = standard();
        var bucket = built.one(BUCKET);
        assertEquals(ACCOUNT_REGIONAL, input(bucket, "bucket"));
        assertEquals(false, input(bucket, "forceDestroy"));
        var options = built.options(BUCKET, "log-bucket");
        assertTrue(options.isProtect(), "protect");
        assertTrue(options.isRetainOnDelete(), "retainOnDelete");
        assertFalse(built.options(POLICY, "log-bucket-policy").isProtect(), "the bucket's settings can be replaced");
        assertEquals(ACCOUNT_REGIONAL, built.value(LogArchive::bucketName));
    }

    @Test
    void logsExpireAfterTheRetentionAndQueryResultsAfterTheirs() {
        var built = standard();
        assertEquals(
                BASE_RULES, ruleIds(built), "no transition with STANDARD, no noncurrent versions without versioning");
        assertEquals(
                Map.of("days", 400.0),
                rule(built, "expire-logs-after-retention").get("expiration"));
        assertEquals(
                Map.of("prefix", "athenaAdhocQueries/"),
                rule(built, "expire-athena-query-results").get("filter"));
        assertEquals(
                Map.of("days", 7.0), rule(built, "expire-athena-query-results").get("expiration"));
        assertEquals(Set.of(), built.names(VERSIONING));
    }

    @Test
    void noncurrentVersionsExpireOnlyWithVersioning() {
        var built = archive(true, LogStorageClass.STANDARD, List.of(), Optional.empty());
        assertEquals("Enabled", input(built.one(VERSIONING), "versioningConfiguration.status"));
        var noncurrent = rule(built, "remove-noncurrent-versions");
        assertEquals(Map.of("noncurrentDays", 30.0), noncurrent.get("noncurrentVersionExpiration"));
        assertEquals(Map.of("expiredObjectDeleteMarker", true), noncurrent.get("expiration"));
    }

    @Test
    void logPrefixesMoveToTheStorageClassOnlyWhenOneIsChosen() {
        var built = archive(false, LogStorageClass.GLACIER_IR, List.of(), Optional.empty());
        assertEquals(
                List.of(
                        "expire-logs-after-retention",
                        "abort-incomplete-multipart-uploads",
                        "expire-athena-query-results",
                        "move-partitioned-to-glacier-ir",
                        "move-errorLog-to-glacier-ir"),
                ruleIds(built));
        var data = rule(built, "move-partitioned-to-glacier-ir");
        assertEquals(Map.of("prefix", "partitioned/"), data.get("filter"));
        assertEquals(List.of(Map.of("days", 90.0, "storageClass", "GLACIER_IR")), data.get("transitions"));
        assertEquals(
                Map.of("prefix", "errorLog/"),
                rule(built, "move-errorLog-to-glacier-ir").get("filter"));
    }

    @Test
    void theBucketPolicyAdmitsExactlyTheMemberAccountsGiven() {
        var alone = json(standard().one(POLICY), "policy");
        assertEquals(
                List.of(
                        "DenyInsecureTransport",
                        "DenyOutdatedTls",
                        "DenyLogObjectsNotInTheBucketsEncryption",
                        "DenyLogObjectsWithCustomerProvidedKeys"),
                sids(alone));

        var policy = json(
                archive(false, LogStorageClass.STANDARD, List.of("444455556666", "777788889999"), Optional.empty())
                        .one(POLICY),
                "policy");
        // One statement for all members, whatever their number: the list of accounts once, the
        // folders by the caller's own account (a policy variable), the stream role's name.
        JsonNode writes = statement(policy, "MembersWriteTheirOwnFolders");
        assertEquals("Allow", writes.get("Effect").asText());
        assertEquals(
                List.of("444455556666", "777788889999"),
                ComponentTests.texts(writes.at("/Condition/StringEquals/aws:PrincipalAccount")));
        assertEquals(
                List.of(
                        BUCKET_ARN,
                        BUCKET_ARN + "/partitioned/${aws:PrincipalAccount}/*",
                        BUCKET_ARN + "/errorLog/${aws:PrincipalAccount}/*"),
                ComponentTests.texts(writes.get("Resource")));
        assertEquals(
                "arn:aws:iam::*:role/ses-logs-firehose-to-s3-*",
                writes.at("/Condition/ArnLike/aws:PrincipalArn").asText());
        var listing = statement(policy, "MembersListOnlyTheirOwnFolders");
        assertEquals("Deny", listing.get("Effect").asText());
        assertEquals(
                List.of("partitioned/${aws:PrincipalAccount}/*", "errorLog/${aws:PrincipalAccount}/*"),
                ComponentTests.texts(listing.at("/Condition/StringNotLike/s3:prefix")));
        assertEquals(
                6, policy.get("Statement").size(), "four denies for everyone, one allow and one deny for the members");
    }

    @Test
    void aDataKeyEncryptsTheBucketAndNoOtherKeyMayBeUsed() {
        var withKey = archive(false, LogStorageClass.STANDARD, List.of(), Optional.of(KEY_ARN));
        var encryption = withKey.one(ENCRYPTION);
        assertEquals("aws:kms", input(encryption, "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"));
        assertEquals(KEY_ARN, input(encryption, "rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId"));
        assertEquals(true, input(encryption, "rules.0.bucketKeyEnabled"));
        assertEquals(
                KEY_ARN,
                statement(json(withKey.one(POLICY), "policy"), "DenyLogObjectsUnderAnotherKmsKey")
                        .at("/Condition/StringNotEquals/s3:x-amz-server-side-encryption-aws-kms-key-id")
                        .asText());

        var without = standard().one(ENCRYPTION);
        assertEquals("AES256", input(without, "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"));
        assertNull(input(without, "rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId"));
        assertEquals(false, input(without, "rules.0.bucketKeyEnabled"));
    }
}
