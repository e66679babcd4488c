package dev.seslogs.notify;

import static dev.seslogs.ComponentTests.ACCOUNT;
import static dev.seslogs.ComponentTests.ACCOUNT_REGIONAL;
import static dev.seslogs.ComponentTests.REGION;
import static dev.seslogs.ComponentTests.input;
import static dev.seslogs.ComponentTests.json;
import static dev.seslogs.ComponentTests.sids;
import static dev.seslogs.ComponentTests.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pulumi.core.Output;
import dev.seslogs.ComponentTests;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationsUnitTest {
    private static final String TOPIC = "aws:sns/topic:Topic";
    private static final String TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
    private static final String SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
    private static final String RULE = "aws:cloudwatch/eventRule:EventRule";
    private static final String TARGET = "aws:cloudwatch/eventTarget:EventTarget";
    private static final String ALERTS_ARN = "arn:aws:mock:" + REGION + ":" + ACCOUNT + ":alerts-topic";
    private static final String KEY_ARN = "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/unit";

    private static ComponentTests.Built<Notifications> notifications(
            List<String> emails, boolean sendsMail, Optional<String> keyArn) {
        return ComponentTests.build(f -> new Notifications(
                "notifications",
                new Notifications.Args(Map.of("Cost", "SES"), emails, sendsMail),
                f.names(),
                f.target(),
                keyArn.map(Output::of),
                f.options()));
    }

    @Test
    void withoutMailOnlyTheAlertsTopicExists() {
        var built = notifications(List.of(), false, Optional.empty());
        assertEquals(Set.of("alerts-topic"), built.names(TOPIC));
        assertEquals(Set.of("alerts-topic-policy"), built.names(TOPIC_POLICY));
        assertEquals(Set.of(), built.names(RULE));
        assertEquals(Set.of(), built.names(TARGET));
        assertEquals("ses-logs-alerts", input(built.one(TOPIC), "name"));
        assertEquals(ALERTS_ARN, built.value(Notifications::alertsTopicArn));
        assertThrows(IllegalStateException.class, () -> built.component().feedbackTopicArn());
    }

    @Test
    void aSendingStackHasAFeedbackTopicForSesOfThisAccountAndReadableBouncesAndComplaints() {
        var built = notifications(List.of(), true, Optional.empty());
        assertEquals(Set.of("alerts-topic", "feedback-topic"), built.names(TOPIC));
        var feedback = built.named(TOPIC, "feedback-topic");
        assertEquals("ses-logs-feedback", input(feedback, "name"));
        assertEquals(false, input(feedback, "fifoTopic"));
        assertEquals(
                "arn:aws:mock:" + REGION + ":" + ACCOUNT + ":feedback-topic",
                built.value(Notifications::feedbackTopicArn));

        var policy = json(built.named(TOPIC_POLICY, "feedback-topic-policy"), "policy");
        assertEquals(List.of("SesFeedbackOfThisAccount", "DenyInsecureTransport"), sids(policy));
        var ses = statement(policy, "SesFeedbackOfThisAccount");
        assertEquals("ses.amazonaws.com", ses.at("/Principal/Service").asText());
        assertEquals(
                "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":ses-logs-feedback",
                ses.get("Resource").asText());
        assertEquals(
                ACCOUNT, ses.at("/Condition/StringEquals/aws:SourceAccount").asText());
        assertEquals(
                "arn:aws:ses:" + REGION + ":" + ACCOUNT + ":identity/*",
                ses.at("/Condition/ArnLike/aws:SourceArn").asText());

        assertEquals(Set.of("bounces-to-people", "complaints-to-people"), built.names(RULE));
        var bounces = built.named(RULE, "bounces-to-people");
        assertEquals("ses-logs-bounces-to-people", input(bounces, "name"));
        var pattern = json(bounces, "eventPattern");
        assertEquals("Email Bounced", pattern.at("/detail-type/0").asText());
        assertEquals(
                ACCOUNT_REGIONAL,
                pattern.at("/detail/mail/tags/ses:configuration-set/0").asText());
        var target = built.named(TARGET, "bounces-to-people-target");
        assertEquals("ses-logs-bounces-to-people", input(target, "rule"));
        assertEquals(ALERTS_ARN, input(target, "arn"), "readable bounces go to people, on the alerts topic");
        assertEquals(
                "$.detail.bounce.bouncedRecipients[0].emailAddress",
                input(target, "inputTransformer.inputPaths.recipient"));
    }

    @Test
    void everyAddressGetsOneEmailSubscriptionToTheAlertsTopic() {
        var built = notifications(List.of("Ops@Example.com", "oncall+ses@example.org"), false, Optional.empty());
        assertEquals(
                Set.of("alerts-email-ops-example-com", "alerts-email-oncall-ses-example-org"),
                built.names(SUBSCRIPTION));
        var ops = built.named(SUBSCRIPTION, "alerts-email-ops-example-com");
        assertEquals("email", input(ops, "protocol"));
        assertEquals("Ops@Example.com", input(ops, "endpoint"));
        assertEquals(ALERTS_ARN, input(ops, "topic"));
        assertEquals(Set.of(), notifications(List.of(), true, Optional.empty()).names(SUBSCRIPTION));
    }

    @Test
    void theAlertsTopicAdmitsOnlyThisStacksAlarmsAndRules() {
        var policy = json(notifications(List.of(), false, Optional.empty()).one(TOPIC_POLICY), "policy");
        assertEquals(List.of("AlarmsOfThisStack", "EventRulesOfThisStack", "DenyInsecureTransport"), sids(policy));
        assertEquals(
                "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:ses-logs-*",
                statement(policy, "AlarmsOfThisStack")
                        .at("/Condition/ArnLike/aws:SourceArn")
                        .asText());
        assertEquals(
                "arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/ses-logs-*",
                statement(policy, "EventRulesOfThisStack")
                        .at("/Condition/ArnLike/aws:SourceArn")
                        .asText());
        assertEquals(
                "false",
                statement(policy, "DenyInsecureTransport")
                        .at("/Condition/Bool/aws:SecureTransport")
                        .asText());
    }

    @Test
    void topicsAreEncryptedWithTheDataKeyOnlyWhenThereIsOne() {
        var withKey = notifications(List.of(), true, Optional.of(KEY_ARN));
        assertEquals(KEY_ARN, input(withKey.named(TOPIC, "alerts-topic"), "kmsMasterKeyId"));
        assertEquals(KEY_ARN, input(withKey.named(TOPIC, "feedback-topic"), "kmsMasterKeyId"));
        var without = notifications(List.of(), true, Optional.empty());
        assertNull(input(without.named(TOPIC, "alerts-topic"), "kmsMasterKeyId"));
        assertNull(input(without.named(TOPIC, "feedback-topic"), "kmsMasterKeyId"));
    }
}
