package dev.seslogs.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seslogs.Json;
import dev.seslogs.Stacks;
import dev.seslogs.simulation.SimulatedAws;
import dev.seslogs.simulation.StackSimulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DataKeyTest {
    private static StackSimulation.Result stack;
    private static String keyArn;

    @BeforeAll
    static void deploy() {
        stack = Stacks.run(Stacks.with(Stacks.typicalConfig(), "customerManagedKey", "true"))
                .orThrow();
        keyArn = (String) stack.one("aws:kms/key:Key").output("arn");
    }

    @Test
    void theKeyRotatesAndIsProtectedLikeTheData() {
        var key = stack.one("aws:kms/key:Key");
        assertEquals(true, key.input("enableKeyRotation"));
        assertEquals(30, key.input("deletionWindowInDays"));
        assertTrue(key.protect());
        assertTrue(key.retainOnDelete());
        assertEquals("alias/ses-logs-data", stack.one("aws:kms/alias:Alias").input("name"));
        assertTrue(keyArn.startsWith("arn:aws:kms:ap-northeast-1:123456789012:key/"));
    }

    @Test
    void eachPublishingServiceMayUseTheKeyInTheShapeItsGuideDocuments() {
        var policy = stack.one("aws:kms/key:Key").input("policy");
        var admin = Json.statement(policy, "AccountAdministersThroughIam");
        assertEquals(
                "arn:aws:iam::123456789012:root", admin.at("/Principal/AWS").asText());
        for (var service : List.of("SES", "EVENTS", "CLOUDWATCH")) {
            var statement = Json.statement(policy, "PublishEncryptedMessages" + service);
            assertEquals(List.of("kms:Decrypt", "kms:GenerateDataKey*"), Json.strings(statement.get("Action")));
            assertEquals("*", statement.get("Resource").asText());
        }
        var cloudWatch = Json.statement(policy, "PublishEncryptedMessagesCLOUDWATCH");
        assertEquals(
                "123456789012",
                cloudWatch.at("/Condition/StringEquals/aws:SourceAccount").asText());
        // The SNS guide: source keys are not supported for EventBridge-to-encrypted-topic
        // delivery; requiring aws:SourceAccount there dropped every readable alert.
        var eventBridge = Json.statement(policy, "PublishEncryptedMessagesEVENTS");
        assertTrue(
                eventBridge.at("/Condition/StringEquals/aws:SourceAccount").isMissingNode(),
                "no source key for EventBridge");
        assertEquals(
                "sns.ap-northeast-1.amazonaws.com",
                eventBridge.at("/Condition/StringEquals/kms:ViaService").asText());
        assertEquals(
                List.of(
                        "arn:aws:sns:ap-northeast-1:123456789012:ses-logs-alerts",
                        "arn:aws:sns:ap-northeast-1:123456789012:ses-logs-feedback"),
                Json.strings(eventBridge.at("/Condition/StringEquals/kms:EncryptionContext:aws:sns:topicArn")));
        // The SES guide's statement has no condition: the documented shape, not a guess.
        assertTrue(
                Json.statement(policy, "PublishEncryptedMessagesSES").get("Condition") == null,
                "SES as its guide documents it");
        assertEquals(4, Json.parse(policy).get("Statement").size());
    }

    @Test
    void bucketStreamAndTopicsEncryptWithTheKey() {
        var encryption =
                stack.one("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2");
        assertEquals("aws:kms", encryption.input("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"));
        assertEquals(keyArn, encryption.input("rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId"));
        assertEquals(true, encryption.input("rules.0.bucketKeyEnabled"));
        var stream = stack.one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream");
        assertEquals("CUSTOMER_MANAGED_CMK", stream.input("serverSideEncryption.keyType"));
        assertEquals(keyArn, stream.input("serverSideEncryption.keyArn"));
        for (var topic : stack.ofType("aws:sns/topic:Topic")) {
            assertEquals(
                    keyArn, topic.input("kmsMasterKeyId"), topic.name() + ": not alias/aws/sns, which SES cannot use");
        }
    }

    @Test
    void theDeliveryRoleMayUseTheKeyOnlyThroughS3() {
        var policy = stack.named("aws:iam/rolePolicy:RolePolicy", "firehose-to-s3-policy")
                .input("policy");
        var kms = Json.statement(policy, "EncryptObjectsThroughS3");
        assertEquals(List.of("kms:Decrypt", "kms:GenerateDataKey"), Json.strings(kms.get("Action")));
        assertEquals(List.of(keyArn), Json.strings(kms.get("Resource")));
        assertEquals(
                "s3.ap-northeast-1.amazonaws.com",
                kms.at("/Condition/StringEquals/kms:ViaService").asText());
        assertEquals(
                stack.exports().get("logBucketArn"),
                kms.at("/Condition/StringEquals/kms:EncryptionContext:aws:s3:arn")
                        .asText(),
                "only for the log bucket (the encryption context of a bucket with an S3 Bucket Key)");
    }

    @Test
    void withoutTheSettingNothingUsesAKeyOfOurs() {
        var plain = Stacks.typical();
        assertEquals(0, plain.ofType("aws:kms/key:Key").size());
        assertEquals(
                "AES256",
                plain.one("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")
                        .input("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"));
        plain.ofType("aws:sns/topic:Topic").forEach(topic -> assertEquals(null, topic.input("kmsMasterKeyId")));
        assertFalse(String.valueOf(plain.named("aws:iam/rolePolicy:RolePolicy", "firehose-to-s3-policy")
                        .input("policy"))
                .contains("kms:"));
    }

    @Test
    void anArchiveKeyAdmitsItsMembersStreamRolesThroughS3AndMembersUseIt() {
        var archiveConfig = Map.of(
                "ses-logs:region",
                "ap-northeast-1",
                "ses-logs:topology",
                "archive",
                "ses-logs:memberAccounts",
                "[\"222222222222\"]",
                "ses-logs:customerManagedKey",
                "true");
        var archive = Stacks.run(archiveConfig, new SimulatedAws("333333333333", "ap-northeast-1"))
                .orThrow();
        var member = Json.statement(archive.one("aws:kms/key:Key").input("policy"), "MembersWriteThroughS3");
        assertEquals("*", member.at("/Principal/AWS").asText());
        assertEquals(
                "222222222222",
                member.at("/Condition/StringEquals/kms:CallerAccount").asText());
        assertEquals(
                "s3.ap-northeast-1.amazonaws.com",
                member.at("/Condition/StringEquals/kms:ViaService").asText());
        assertEquals(
                "arn:aws:iam::*:role/ses-logs-firehose-to-s3-*",
                member.at("/Condition/ArnLike/aws:PrincipalArn").asText());

        var keyPolicy = String.valueOf(archive.one("aws:kms/key:Key").input("policy"));
        assertTrue(
                keyPolicy.contains("events.amazonaws.com"),
                "EventBridge announces error objects on the archive's alerts topic");
        assertFalse(
                keyPolicy.contains("ses.amazonaws.com") || keyPolicy.contains("cloudwatch.amazonaws.com"),
                "an archive sends no mail and has no alarms: no SES or CloudWatch use of its key");

        var archiveKey = (String) archive.exports().get("logKeyArn");
        var memberStack = Stacks.run(
                        Stacks.with(
                                Stacks.with(Stacks.typicalConfig(), "topology", "member"),
                                "archiveStack",
                                "acme/ses-logs/logarchive"),
                        new SimulatedAws("222222222222", "ap-northeast-1")
                                .withStack("acme/ses-logs/logarchive", archive.exports()))
                .orThrow();
        var kms = Json.statement(
                memberStack
                        .named("aws:iam/rolePolicy:RolePolicy", "firehose-to-s3-policy")
                        .input("policy"),
                "EncryptObjectsThroughS3");
        assertEquals(List.of(archiveKey), Json.strings(kms.get("Resource")));
    }
}
