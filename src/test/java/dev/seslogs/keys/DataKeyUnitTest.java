package dev.seslogs.keys;

import static dev.seslogs.ComponentTests.ACCOUNT;
import static dev.seslogs.ComponentTests.ACCOUNT_REGIONAL;
import static dev.seslogs.ComponentTests.REGION;
import static dev.seslogs.ComponentTests.input;
import static dev.seslogs.ComponentTests.json;
import static dev.seslogs.ComponentTests.sids;
import static dev.seslogs.ComponentTests.statement;
import static dev.seslogs.ComponentTests.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seslogs.ComponentTests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataKeyUnitTest {
    private static final String KEY = "aws:kms/key:Key";
    private static final String MEMBER = "444455556666";
    private static final String ALERTS_TOPIC = "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":ses-logs-alerts";
    private static final String FEEDBACK_TOPIC = "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":ses-logs-feedback";

    private static ComponentTests.Built<DataKey> dataKey(boolean sendsMail, List<String> memberAccounts) {
        return ComponentTests.build(f -> new DataKey(
                "data-key",
                new DataKey.Args(Map.of("Cost", "SES"), sendsMail, memberAccounts),
                f.names(),
                f.target(),
                f.options()));
    }

    private static JsonNode keyPolicy(ComponentTests.Built<DataKey> built) {
        return json(built.one(KEY), "policy");
    }

    @Test
    void keyIsProtectedRetainedRotatedAndAliased() {
        var built = dataKey(true, List.of());
        var options = built.options(KEY, "data-key");
        assertTrue(options.isProtect(), "protect");
        assertTrue(options.isRetainOnDelete(), "retainOnDelete");
        var key = built.one(KEY);
        assertEquals(30.0, input(key, "deletionWindowInDays"));
        assertEquals(true, input(key, "enableKeyRotation"));
        assertEquals(Map.of("Cost", "SES"), input(key, "tags"));
        var alias = built.one("aws:kms/alias:Alias");
        assertEquals("alias/ses-logs-data", input(alias, "name"));
        assertEquals("data-key-id", input(alias, "targetKeyId"));
        assertFalse(built.options("aws:kms/alias:Alias", "data-key-alias").isProtect(), "only the key is protected");
        assertEquals("arn:aws:mock:" + REGION + ":" + ACCOUNT + ":data-key", built.value(DataKey::keyArn));
    }

    @Test
    void aSendingStackAdmitsSesEventBridgeAndCloudWatchEachInItsDocumentedShape() {
        var policy = keyPolicy(dataKey(true, List.of()));
        assertEquals(
                List.of(
                        "AccountAdministersThroughIam",
                        "PublishEncryptedMessagesSES",
                        "PublishEncryptedMessagesEVENTS",
                        "PublishEncryptedMessagesCLOUDWATCH"),
                sids(policy));
        assertEquals(
                "arn:aws:iam::" + ACCOUNT + ":root",
                statement(policy, "AccountAdministersThroughIam")
                        .at("/Principal/AWS")
                        .asText());

        var events = statement(policy, "PublishEncryptedMessagesEVENTS");
        assertEquals("events.amazonaws.com", events.at("/Principal/Service").asText());
        assertEquals(
                "sns." + REGION + ".amazonaws.com",
                events.at("/Condition/StringEquals/kms:ViaService").asText());
        assertEquals(
                List.of(ALERTS_TOPIC, FEEDBACK_TOPIC),
                texts(events.at("/Condition/StringEquals/kms:EncryptionContext:aws:sns:topicArn")));
        assertTrue(
                events.at("/Condition/StringEquals/aws:SourceAccount").isMissingNode(),
                "SNS's guide: no source keys for EventBridge");

        var ses = statement(policy, "PublishEncryptedMessagesSES");
        assertEquals("ses.amazonaws.com", ses.at("/Principal/Service").asText());
        assertFalse(ses.has("Condition"), "SES's documented statement has no condition: " + ses);

        var cloudWatch = statement(policy, "PublishEncryptedMessagesCLOUDWATCH");
        assertEquals(
                ACCOUNT,
                cloudWatch.at("/Condition/StringEquals/aws:SourceAccount").asText());
        assertEquals(List.of("kms:Decrypt", "kms:GenerateDataKey*"), texts(cloudWatch.get("Action")));
    }

    @Test
    void anArchiveAdmitsEventBridgeForItsAlertsTopicOnlyAndEachMemberThroughS3() {
        var policy = keyPolicy(dataKey(false, List.of(MEMBER, "777788889999")));
        assertEquals(
                List.of("AccountAdministersThroughIam", "PublishEncryptedMessagesEVENTS", "MembersWriteThroughS3"),
                sids(policy));
        assertEquals(
                List.of(ALERTS_TOPIC),
                texts(statement(policy, "PublishEncryptedMessagesEVENTS")
                        .at("/Condition/StringEquals/kms:EncryptionContext:aws:sns:topicArn")));

        var member = statement(policy, "MembersWriteThroughS3");
        assertEquals(List.of(MEMBER, "777788889999"), texts(member.at("/Condition/StringEquals/kms:CallerAccount")));
        assertEquals(List.of("kms:Decrypt", "kms:GenerateDataKey"), texts(member.get("Action")));
        assertEquals(
                "s3." + REGION + ".amazonaws.com",
                member.at("/Condition/StringEquals/kms:ViaService").asText());
        assertEquals(
                "arn:aws:s3:::" + ACCOUNT_REGIONAL,
                member.at("/Condition/StringEquals/kms:EncryptionContext:aws:s3:arn")
                        .asText());
        assertEquals(
                "arn:aws:iam::*:role/ses-logs-firehose-to-s3-*",
                member.at("/Condition/ArnLike/aws:PrincipalArn").asText());
    }

    @Test
    void withoutMembersNoAccountButThisOneIsAdmitted() {
        var policy = keyPolicy(dataKey(true, List.of()));
        policy.get("Statement").forEach(statement -> {
            var principal = statement.at("/Principal/AWS");
            assertTrue(
                    principal.isMissingNode() || principal.asText().equals("arn:aws:iam::" + ACCOUNT + ":root"),
                    statement.toString());
        });
    }
}
