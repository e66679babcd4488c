package dev.seslogs.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seslogs.Json;
import dev.seslogs.Stacks;
import dev.seslogs.simulation.DeclaredResource;
import dev.seslogs.simulation.StackSimulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NotificationsTest {
    private static final String FEEDBACK_ARN = "arn:aws:sns:ap-northeast-1:123456789012:ses-logs-feedback";
    private static final String ALERTS_ARN = "arn:aws:sns:ap-northeast-1:123456789012:ses-logs-alerts";
    private static StackSimulation.Result stack;

    @BeforeAll
    static void deploy() {
        stack = Stacks.run(Stacks.with(
                        Stacks.typicalConfig(),
                        "notificationEmails",
                        "[\"postmaster@example.com\", \"Ops.Team@example.com\"]"))
                .orThrow();
    }

    private static DeclaredResource topic(String name) {
        return stack.named("aws:sns/topic:Topic", name);
    }

    @Test
    void feedbackTopicIsAStandardTopicSesCanUseAndKeepsRawJsonForMachines() {
        var feedback = topic("feedback-topic");
        assertEquals("ses-logs-feedback", feedback.input("name"));
        assertEquals(false, feedback.input("fifoTopic"), "SES cannot publish to FIFO topics");
        assertEquals(FEEDBACK_ARN, feedback.output("arn"));
        assertEquals(Map.of("Cost", "SES"), feedback.input("tags"));
        assertEquals(FEEDBACK_ARN, stack.exports().get("feedbackTopicArn"));
        assertTrue(
                stack.ofType("aws:sns/topicSubscription:TopicSubscription").stream()
                        .noneMatch(s -> FEEDBACK_ARN.equals(s.input("topic"))),
                "people get the readable topic, not raw JSON");
    }

    @Test
    void onlySesIdentitiesOfThisAccountMayPublishFeedback() {
        var policy = stack.named("aws:sns/topicPolicy:TopicPolicy", "feedback-topic-policy");
        assertEquals(FEEDBACK_ARN, policy.input("arn"));
        assertEquals(
                2,
                Json.parse(policy.input("policy")).get("Statement").size(),
                "one Allow for SES, one Deny without TLS");
        var publish = Json.statement(policy.input("policy"), "SesFeedbackOfThisAccount");
        assertEquals("ses.amazonaws.com", publish.at("/Principal/Service").asText());
        assertEquals(List.of("sns:Publish"), Json.strings(publish.get("Action")));
        assertEquals(List.of(FEEDBACK_ARN), Json.strings(publish.get("Resource")));
        assertEquals(
                "123456789012",
                publish.at("/Condition/StringEquals/aws:SourceAccount").asText());
        assertEquals(
                "arn:aws:ses:ap-northeast-1:123456789012:identity/*",
                publish.at("/Condition/ArnLike/aws:SourceArn").asText());
    }

    @Test
    void onlyThisStacksAlarmsAndRulesMayPublishAlerts() {
        var policy = stack.named("aws:sns/topicPolicy:TopicPolicy", "alerts-topic-policy")
                .input("policy");
        var alarms = Json.statement(policy, "AlarmsOfThisStack");
        assertEquals("cloudwatch.amazonaws.com", alarms.at("/Principal/Service").asText());
        assertEquals(
                "arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:ses-logs-*",
                alarms.at("/Condition/ArnLike/aws:SourceArn").asText());
        var rules = Json.statement(policy, "EventRulesOfThisStack");
        assertEquals("events.amazonaws.com", rules.at("/Principal/Service").asText());
        assertEquals(
                "arn:aws:events:ap-northeast-1:123456789012:rule/ses-logs-*",
                rules.at("/Condition/ArnLike/aws:SourceArn").asText());
        assertEquals(List.of(ALERTS_ARN), Json.strings(rules.get("Resource")));
        assertEquals(ALERTS_ARN, stack.exports().get("alertsTopicArn"));
    }

    @Test
    void bothTopicsRefuseEveryoneWithoutTls() {
        for (var name : List.of("feedback-topic-policy", "alerts-topic-policy")) {
            var policy = stack.named("aws:sns/topicPolicy:TopicPolicy", name).input("policy");
            var deny = Json.statement(policy, "DenyInsecureTransport");
            assertEquals("Deny", deny.get("Effect").asText(), name);
            assertEquals("*", deny.get("Principal").asText(), name);
            // Only actions the Service Authorization Reference lists (sns:Receive is none).
            assertEquals(List.of("sns:Publish", "sns:Subscribe"), Json.strings(deny.get("Action")), name);
            assertEquals("false", deny.at("/Condition/Bool/aws:SecureTransport").asText(), name);
        }
    }

    @Test
    void everyConfiguredAddressSubscribesToTheReadableAlerts() {
        var subscriptions = stack.ofType("aws:sns/topicSubscription:TopicSubscription");
        assertEquals(
                List.of("postmaster@example.com", "Ops.Team@example.com"),
                subscriptions.stream().map(s -> s.input("endpoint")).toList());
        for (var subscription : subscriptions) {
            assertEquals("email", subscription.input("protocol"));
            assertEquals(ALERTS_ARN, subscription.input("topic"));
        }
        assertEquals("alerts-email-ops-team-example-com", subscriptions.get(1).name());
    }

    @Test
    void bouncesAndComplaintsOfThisConfigurationSetAreRewrittenForPeople() {
        for (var event : Notifications.READABLE_EVENTS) {
            var rule = stack.named("aws:cloudwatch/eventRule:EventRule", event.ruleSuffix());
            assertEquals("ses-logs-" + event.ruleSuffix(), rule.input("name"));
            var pattern = Json.parse(rule.input("eventPattern"));
            assertEquals("aws.ses", pattern.at("/source/0").asText());
            assertEquals(event.detailType(), pattern.at("/detail-type/0").asText());
            assertEquals(
                    "ses-logs-123456789012-ap-northeast-1",
                    pattern.at("/detail/mail/tags/ses:configuration-set/0").asText());
            var target = stack.named("aws:cloudwatch/eventTarget:EventTarget", event.ruleSuffix() + "-target");
            assertEquals(ALERTS_ARN, target.input("arn"));
            assertEquals("ses-logs-" + event.ruleSuffix(), target.input("rule"));
            assertEquals(event.inputPaths(), target.input("inputTransformer.inputPaths"));
            assertEquals(event.template(), target.input("inputTransformer.inputTemplate"));
        }
    }

    @Test
    void theReadableBounceNamesRecipientSenderSubjectTypeAndDiagnostic() {
        var bounce = Notifications.READABLE_EVENTS.get(0);
        for (var field :
                List.of("<recipient>", "<sender>", "<subject>", "<bounceType>", "<bounceSubType>", "<diagnostic>")) {
            assertTrue(bounce.template().contains(field), field);
        }
        var complaint = Notifications.READABLE_EVENTS.get(1);
        for (var field : List.of("<recipient>", "<sender>", "<subject>", "<feedbackType>")) {
            assertTrue(complaint.template().contains(field), field);
        }
    }

    /** EventBridge JSONPath ($.a.b[0].c) as a JSON Pointer (/a/b/0/c). */
    private static String pointer(String path) {
        return path.substring(1).replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    }

    @Test
    void everyTransformerPathFindsAValueInTheSesEventItReads() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var fixtures = Map.of(
                "Email Bounced", "ses-events/bounce.json", "Email Complaint Received", "ses-events/complaint.json");
        for (var event : Notifications.READABLE_EVENTS) {
            try (var in = getClass().getClassLoader().getResourceAsStream(fixtures.get(event.detailType()))) {
                var detail = json.readTree(in);
                // EventBridge wraps SES's event record as the event's detail.
                var envelope = json.createObjectNode().set("detail", detail);
                for (var entry : event.inputPaths().entrySet()) {
                    var found = envelope.at(pointer(entry.getValue()));
                    assertTrue(
                            !found.isMissingNode() && (found.isValueNode()),
                            event.ruleSuffix() + ": " + entry.getKey() + " " + entry.getValue() + " -> " + found);
                }
            }
        }
        assertEquals(
                "/detail/bounce/bouncedRecipients/0/emailAddress",
                pointer("$.detail.bounce.bouncedRecipients[0].emailAddress"));
    }

    @Test
    void noAddressesMeansNoSubscriptionsButBothTopics() {
        var none = Stacks.run(Stacks.without(Stacks.typicalConfig(), "notificationEmails"))
                .orThrow();
        assertEquals(
                0, none.ofType("aws:sns/topicSubscription:TopicSubscription").size());
        assertEquals(2, none.ofType("aws:sns/topic:Topic").size());
    }
}
