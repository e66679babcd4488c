package dev.seslogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seslogs.simulation.SimulatedAws;
import dev.seslogs.simulation.StackSimulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The central log archive and its member accounts, with the member's StackReference mocked. */
class TopologyTest {
    private static final String ARCHIVE_ACCOUNT = "333333333333";
    private static final String MEMBER = "222222222222";
    private static final String OTHER_MEMBER = "444444444444";
    private static final String ARCHIVE_BUCKET = "ses-logs-" + ARCHIVE_ACCOUNT + "-ap-northeast-1";
    private static final String ARCHIVE_BUCKET_ARN = "arn:aws:s3:::" + ARCHIVE_BUCKET;
    private static final String ARCHIVE_STACK = "acme/ses-logs/logarchive";

    private static StackSimulation.Result archive() {
        var config = Map.of(
                "ses-logs:region", "ap-northeast-1",
                "ses-logs:topology", "archive",
                "ses-logs:memberAccounts", "[\"" + MEMBER + "\", \"" + OTHER_MEMBER + "\"]");
        return Stacks.run(config, new SimulatedAws(ARCHIVE_ACCOUNT, "ap-northeast-1"))
                .orThrow();
    }

    private static StackSimulation.Result member(SimulatedAws aws) {
        var config =
                Stacks.with(Stacks.with(Stacks.typicalConfig(), "topology", "member"), "archiveStack", ARCHIVE_STACK);
        return Stacks.run(config, aws);
    }

    private static SimulatedAws memberAccountWithArchive() {
        return new SimulatedAws(MEMBER, "ap-northeast-1")
                .withStack(ARCHIVE_STACK, archive().exports());
    }

    @Test
    void anArchiveKeepsLogsAndSendsNothing() {
        var archive = archive();
        assertEquals(1, archive.ofType("aws:s3/bucketV2:BucketV2").size());
        assertEquals(
                1, archive.ofType("aws:glue/catalogDatabase:CatalogDatabase").size());
        assertEquals(1, archive.ofType("aws:athena/workgroup:Workgroup").size());
        for (var type : List.of(
                "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
                "aws:sesv2/configurationSet:ConfigurationSet",
                "aws:sesv2/emailIdentity:EmailIdentity")) {
            assertEquals(0, archive.ofType(type).size(), type);
        }
        assertEquals(
                List.of("error-objects-delivery-failing", "alerts-delivery-failing"),
                archive.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").stream()
                        .map(r -> r.name())
                        .toList(),
                "an archive's alarms: its error-object announcements failing, its alerts topic failing to deliver");
        assertEquals(
                List.of("alerts-topic"),
                archive.ofType("aws:sns/topic:Topic").stream()
                        .map(r -> r.name())
                        .toList(),
                "an archive has no feedback topic, only alerts for its error prefix");
        assertEquals(
                List.of("error-objects"),
                archive.ofType("aws:cloudwatch/eventRule:EventRule").stream()
                        .map(r -> r.name())
                        .toList());
        assertEquals(ARCHIVE_BUCKET_ARN, archive.exports().get(App.ARCHIVE_BUCKET_ARN_OUTPUT));
        assertEquals(ARCHIVE_BUCKET, archive.exports().get(App.ARCHIVE_BUCKET_NAME_OUTPUT));
        assertEquals("archive", archive.exports().get("topology"));
    }

    @Test
    void anArchiveMayHavePeopleSubscribedToItsAlerts() {
        var config = Map.of(
                "ses-logs:region", "ap-northeast-1",
                "ses-logs:topology", "archive",
                "ses-logs:memberAccounts", "[\"" + MEMBER + "\"]",
                "ses-logs:notificationEmails", "[\"log-team@example.com\"]");
        var archive = Stacks.run(config, new SimulatedAws(ARCHIVE_ACCOUNT, "ap-northeast-1"))
                .orThrow();
        var subscription = archive.one("aws:sns/topicSubscription:TopicSubscription");
        assertEquals("log-team@example.com", subscription.input("endpoint"));
        assertEquals("arn:aws:sns:ap-northeast-1:" + ARCHIVE_ACCOUNT + ":ses-logs-alerts", subscription.input("topic"));
    }

    @Test
    void theArchiveBucketAdmitsEachMemberOnlyUnderItsOwnFolders() {
        var policy = archive().one("aws:s3/bucketPolicy:BucketPolicy").input("policy");
        // One statement for all members (the policy grows by an account id a member, not by a
        // statement): the folders are the caller's own account's, by policy variable; the access
        // model evaluates what that lets each member do.
        var writes = Json.statement(policy, "MembersWriteTheirOwnFolders");
        assertEquals("Allow", writes.get("Effect").asText());
        assertEquals("*", writes.at("/Principal/AWS").asText());
        assertEquals(
                List.of(MEMBER, OTHER_MEMBER), Json.strings(writes.at("/Condition/StringEquals/aws:PrincipalAccount")));
        assertEquals(
                List.of(
                        "s3:AbortMultipartUpload",
                        "s3:GetObject",
                        "s3:PutObject",
                        "s3:GetBucketLocation",
                        "s3:ListBucket"),
                Json.strings(writes.get("Action")));
        assertEquals(
                List.of(
                        ARCHIVE_BUCKET_ARN,
                        ARCHIVE_BUCKET_ARN + "/partitioned/${aws:PrincipalAccount}/*",
                        ARCHIVE_BUCKET_ARN + "/errorLog/${aws:PrincipalAccount}/*"),
                Json.strings(writes.get("Resource")));
        assertEquals(
                "arn:aws:iam::*:role/ses-logs-firehose-to-s3-*",
                writes.at("/Condition/ArnLike/aws:PrincipalArn").asText());
        var lists = Json.statement(policy, "MembersListOnlyTheirOwnFolders");
        assertEquals("Deny", lists.get("Effect").asText());
        assertEquals(List.of("s3:ListBucket"), Json.strings(lists.get("Action")));
        assertEquals(
                List.of("partitioned/${aws:PrincipalAccount}/*", "errorLog/${aws:PrincipalAccount}/*"),
                Json.strings(lists.at("/Condition/StringNotLike/s3:prefix")),
                "the other members' folders stay unlisted");
        assertEquals(
                "arn:aws:iam::*:role/ses-logs-firehose-to-s3-*",
                lists.at("/Condition/ArnLike/aws:PrincipalArn").asText());
        assertTrue(
                !policy.toString().contains("s3:ListBucketMultipartUploads"),
                "S3 cannot narrow it to a member's folder");
        Json.statement(policy, "DenyInsecureTransport");
        assertEquals(4 + 2, Json.parse(policy).get("Statement").size());
    }

    @Test
    void logObjectsKeepTheArchivesEncryptionWhoeverWritesThem() {
        var policy = archive().one("aws:s3/bucketPolicy:BucketPolicy").input("policy");
        var logObjects = List.of(ARCHIVE_BUCKET_ARN + "/partitioned/*", ARCHIVE_BUCKET_ARN + "/errorLog/*");
        var otherEncryption = Json.statement(policy, "DenyLogObjectsNotInTheBucketsEncryption");
        assertEquals("*", otherEncryption.get("Principal").asText());
        assertEquals(logObjects, Json.strings(otherEncryption.get("Resource")));
        assertEquals(
                "false",
                otherEncryption
                        .at("/Condition/Null/s3:x-amz-server-side-encryption")
                        .asText(),
                "only a header that is sent is refused: Firehose sends none");
        assertEquals(
                "AES256",
                otherEncryption
                        .at("/Condition/StringNotEquals/s3:x-amz-server-side-encryption")
                        .asText());
        var customerKeys = Json.statement(policy, "DenyLogObjectsWithCustomerProvidedKeys");
        assertEquals(
                "false",
                customerKeys
                        .at("/Condition/Null/s3:x-amz-server-side-encryption-customer-algorithm")
                        .asText());

        var withKey = archiveWith("customerManagedKey", "true");
        var keyArn = (String) withKey.exports().get(App.ARCHIVE_KEY_ARN_OUTPUT);
        var keyedPolicy = withKey.one("aws:s3/bucketPolicy:BucketPolicy").input("policy");
        assertEquals(
                "aws:kms",
                Json.statement(keyedPolicy, "DenyLogObjectsNotInTheBucketsEncryption")
                        .at("/Condition/StringNotEquals/s3:x-amz-server-side-encryption")
                        .asText());
        assertEquals(
                keyArn,
                Json.statement(keyedPolicy, "DenyLogObjectsUnderAnotherKmsKey")
                        .at("/Condition/StringNotEquals/s3:x-amz-server-side-encryption-aws-kms-key-id")
                        .asText());
    }

    @Test
    void aMemberInAnotherRegionUsesTheArchivesKeyThroughS3InTheArchivesRegion() {
        var archive = archiveWith("customerManagedKey", "true");
        var config = Stacks.with(
                Stacks.with(Stacks.with(Stacks.typicalConfig(), "topology", "member"), "archiveStack", ARCHIVE_STACK),
                "region",
                "us-east-1");
        var member = Stacks.run(
                        config, new SimulatedAws(MEMBER, "us-east-1").withStack(ARCHIVE_STACK, archive.exports()))
                .orThrow();
        var encrypts = Json.statement(
                member.named("aws:iam/rolePolicy:RolePolicy", "firehose-to-s3-policy")
                        .input("policy"),
                "EncryptObjectsThroughS3");
        assertEquals(
                List.of((String) archive.exports().get(App.ARCHIVE_KEY_ARN_OUTPUT)),
                Json.strings(encrypts.get("Resource")));
        assertEquals(
                "s3.ap-northeast-1.amazonaws.com",
                encrypts.at("/Condition/StringEquals/kms:ViaService").asText(),
                "S3 calls KMS from the bucket's region, not the stream's");
        assertEquals(
                ARCHIVE_BUCKET_ARN,
                encrypts.at("/Condition/StringEquals/kms:EncryptionContext:aws:s3:arn")
                        .asText());

        var keyPolicy = archive.one("aws:kms/key:Key").input("policy");
        var memberUse = Json.statement(keyPolicy, "MembersWriteThroughS3");
        assertTrue(Json.strings(memberUse.at("/Condition/StringEquals/kms:CallerAccount"))
                .contains(MEMBER));
        assertEquals(
                "s3.ap-northeast-1.amazonaws.com",
                memberUse.at("/Condition/StringEquals/kms:ViaService").asText());
        assertEquals(
                ARCHIVE_BUCKET_ARN,
                memberUse
                        .at("/Condition/StringEquals/kms:EncryptionContext:aws:s3:arn")
                        .asText());
    }

    private static StackSimulation.Result archiveWith(String key, String value) {
        var config = new java.util.LinkedHashMap<>(Map.of(
                "ses-logs:region", "ap-northeast-1",
                "ses-logs:topology", "archive",
                "ses-logs:memberAccounts", "[\"" + MEMBER + "\", \"" + OTHER_MEMBER + "\"]"));
        config.put("ses-logs:" + key, value);
        return Stacks.run(config, new SimulatedAws(ARCHIVE_ACCOUNT, "ap-northeast-1"))
                .orThrow();
    }

    @Test
    void aStandaloneBucketAdmitsNoOtherAccount() {
        var policy = Stacks.typical().one("aws:s3/bucketPolicy:BucketPolicy").input("policy");
        for (var statement : Json.parse(policy).get("Statement")) {
            assertEquals("Deny", statement.get("Effect").asText());
        }
    }

    @Test
    void aMemberNeverCreatesABucketOrCatalog() {
        var member = member(memberAccountWithArchive()).orThrow();
        assertTrue(
                member.customResources().stream().noneMatch(r -> r.type().startsWith("aws:s3/")),
                "no bucket, no bucket settings");
        assertTrue(member.customResources().stream()
                .noneMatch(r -> r.type().startsWith("aws:glue/") || r.type().startsWith("aws:athena/")));
        assertEquals(
                1, member.ofType("aws:sesv2/configurationSet:ConfigurationSet").size());
        assertEquals(3, member.ofType("aws:sesv2/emailIdentity:EmailIdentity").size());
        assertEquals(ARCHIVE_BUCKET, member.exports().get("archiveBucketName"));
        assertTrue(
                member.ofType("aws:cloudwatch/eventRule:EventRule").stream()
                        .noneMatch(r -> r.name().equals("error-objects")),
                "the error prefix is watched where the bucket is: in the archive");
        assertEquals(
                10,
                member.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").size(),
                "4 reputation, 3 stream, 2 readable-feedback rules, the alerts topic");
        assertEquals("member", member.exports().get("topology"));
    }

    @Test
    void aMemberReadsTheArchiveThroughAStackReference() {
        var member = member(memberAccountWithArchive()).orThrow();
        var reference = member.one("pulumi:pulumi:StackReference");
        assertEquals(ARCHIVE_STACK, reference.input("name"));
    }

    @Test
    void aMemberStreamsIntoItsOwnFolderOfTheArchiveBucket() {
        var member = member(memberAccountWithArchive()).orThrow();
        var stream = member.one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream");
        assertEquals(ARCHIVE_BUCKET_ARN, stream.input("extendedS3Configuration.bucketArn"));
        assertEquals(
                "partitioned/" + MEMBER + "/!{partitionKeyFromQuery:EventType}/!{timestamp:yyyy/MM/dd}/",
                stream.input("extendedS3Configuration.prefix"));
        assertEquals(
                "errorLog/" + MEMBER
                        + "/!{firehose:error-output-type}/dt=!{timestamp:yyyy}-!{timestamp:MM}-!{timestamp:dd}/",
                stream.input("extendedS3Configuration.errorOutputPrefix"));
        var policy = member.named("aws:iam/rolePolicy:RolePolicy", "firehose-to-s3-policy")
                .input("policy");
        assertEquals(
                List.of(
                        ARCHIVE_BUCKET_ARN + "/partitioned/" + MEMBER + "/*",
                        ARCHIVE_BUCKET_ARN + "/errorLog/" + MEMBER + "/*"),
                Json.strings(Json.statement(policy, "WriteEventObjects").get("Resource")));
        var role = member.named("aws:iam/role:Role", "firehose-to-s3-role");
        assertTrue(
                ((String) role.input("name")).matches("ses-logs-firehose-to-s3-.*"),
                "the name the archive's bucket policy admits");
    }

    @Test
    void aMemberWhoseArchiveDoesNotExistFailsBeforeAnythingElseIsRegistered() {
        var result = member(new SimulatedAws(MEMBER, "ap-northeast-1"));
        assertTrue(result.failure().isPresent());
        var message = result.failure().get().getMessage();
        // The read itself fails (in the real engine too, with the backend's own message) before
        // the program goes on: ArchiveReference waits for it.
        assertTrue(message.contains("unknown stack \"" + ARCHIVE_STACK + "\""), message);
        assertOnlyTheReferenceWasRegistered(result);
    }

    @Test
    void aMemberWhoseArchiveHasNoBucketOutputFailsBeforeAnythingElseIsRegistered() {
        // A stack that exists but was never deployed (or is not an archive): no logBucketArn.
        for (var outputs :
                List.<Map<String, Object>>of(Map.of(), Map.of("topology", "standalone", "region", "ap-northeast-1"))) {
            var result = member(new SimulatedAws(MEMBER, "ap-northeast-1").withStack(ARCHIVE_STACK, outputs));
            assertTrue(result.failure().isPresent(), outputs.toString());
            var message = result.failure().get().getMessage();
            assertTrue(
                    message.contains("ses-logs:archiveStack is " + ARCHIVE_STACK
                            + ", but that stack has no logBucketArn, logBucketName"),
                    message);
            assertTrue(message.contains("it is not a deployed archive stack"), message);
            assertOnlyTheReferenceWasRegistered(result);
        }
    }

    private static void assertOnlyTheReferenceWasRegistered(StackSimulation.Result result) {
        assertEquals(
                List.of(),
                result.resources().stream()
                        .map(r -> r.type())
                        .filter(type ->
                                !type.equals("pulumi:pulumi:Stack") && !type.equals("pulumi:pulumi:StackReference"))
                        .toList(),
                "nothing but the reference is registered");
    }

    @Test
    void aMemberTurnsOnDeliverabilityInsightsAndTheArchiveMovesItsLogsToACheaperClass() {
        var config = Stacks.with(
                Stacks.with(Stacks.with(Stacks.typicalConfig(), "topology", "member"), "archiveStack", ARCHIVE_STACK),
                "deliverabilityInsights",
                "true");
        var member = Stacks.run(config, memberAccountWithArchive()).orThrow();
        assertEquals(
                "ENABLED",
                member.one("aws:sesv2/accountVdmAttributes:AccountVdmAttributes")
                        .input("vdmEnabled"));

        var archiveConfig = new java.util.HashMap<>(Map.of(
                "ses-logs:region",
                "ap-northeast-1",
                "ses-logs:topology",
                "archive",
                "ses-logs:memberAccounts",
                "[\"" + MEMBER + "\"]",
                "ses-logs:logStorageClass",
                "STANDARD_IA",
                "ses-logs:logStorageClassAfterDays",
                "45"));
        var archive = Stacks.run(archiveConfig, new SimulatedAws(ARCHIVE_ACCOUNT, "ap-northeast-1"))
                .orThrow();
        @SuppressWarnings("unchecked")
        var rules = (java.util.List<Map<String, Object>>)
                archive.one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")
                        .input("rules");
        var moved = rules.stream()
                .filter(r -> r.containsKey("transitions"))
                .map(r -> ((Map<?, ?>) r.get("filter")).get("prefix"))
                .toList();
        assertEquals(
                java.util.List.of("partitioned/", "errorLog/"),
                moved,
                "every member's folders move, under the archive's prefixes");
    }
}
