package dev.seslogs.notify;

import dev.seslogs.Json;
import dev.seslogs.Stacks;
import dev.seslogs.simulation.StackSimulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NotificationsTest {
    private static final String TOPIC_ARN = "arn:aws:sns:ap-northeast-1:123456789012:ses-logs-feedback";
    private static StackSimulation.Result stack;

    @BeforeAll
    static void deploy() {
        stack = Stacks.run(Stacks.with(Stacks.typicalConfig(), "notificationEmails",
                "[\"postmaster@example.com\", \"Ops.Team@example.com\"]")).orThrow();
    }

    @Test
    void feedbackTopicIsAStandardTopicSesCanUse() {
        var topic = stack.one("aws:sns/topic:Topic");
        assertEquals("ses-logs-feedback", topic.input("name"));
        assertEquals(false, topic.input("fifoTopic"), "SES cannot publish to FIFO topics");
        assertEquals(TOPIC_ARN, topic.output("arn"));
        assertEquals(Map.of("Cost", "SES"), topic.input("tags"));
        assertEquals(TOPIC_ARN, stack.exports().get("feedbackTopicArn"));
    }

    @Test
    void onlySesIdentitiesOfThisAccountMayPublish() {
        var policy = stack.one("aws:sns/topicPolicy:TopicPolicy");
        assertEquals(TOPIC_ARN, policy.input("arn"));
        var statements = Json.parse(policy.input("policy")).get("Statement");
        assertEquals(1, statements.size());
        var publish = Json.statement(policy.input("policy"), "SesFeedbackOfThisAccount");
        assertEquals("Allow", publish.get("Effect").asText());
        assertEquals("ses.amazonaws.com", publish.at("/Principal/Service").asText());
        assertEquals(List.of("sns:Publish"), Json.strings(publish.get("Action")));
        assertEquals(List.of(TOPIC_ARN), Json.strings(publish.get("Resource")));
        assertEquals("123456789012", publish.at("/Condition/StringEquals/aws:SourceAccount").asText());
        assertEquals("arn:aws:ses:ap-northeast-1:123456789012:identity/*", publish.at("/Condition/ArnLike/aws:SourceArn").asText());
    }

    @Test
    void everyConfiguredAddressIsSubscribedByEmail() {
        var subscriptions = stack.ofType("aws:sns/topicSubscription:TopicSubscription");
        assertEquals(List.of("postmaster@example.com", "Ops.Team@example.com"),
                subscriptions.stream().map(s -> s.input("endpoint")).toList());
        for (var subscription : subscriptions) {
            assertEquals("email", subscription.input("protocol"));
            assertEquals(TOPIC_ARN, subscription.input("topic"));
        }
        assertEquals("feedback-email-ops-team-example-com", subscriptions.get(1).name());
    }

    @Test
    void noAddressesMeansNoSubscriptions() {
        var none = Stacks.run(Stacks.without(Stacks.typicalConfig(), "notificationEmails")).orThrow();
        assertEquals(0, none.ofType("aws:sns/topicSubscription:TopicSubscription").size());
        assertEquals(1, none.ofType("aws:sns/topic:Topic").size());
    }
}
