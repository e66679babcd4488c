package dev.seslogs.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seslogs.Stacks;
import dev.seslogs.simulation.DeclaredResource;
import dev.seslogs.simulation.StackSimulation;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alerts people read, rendered: each EventBridge target's input transformer, as the stack
 * declares it, applied ({@link InputTransformer}) to SES's own example events
 * (src/test/resources/ses-events/, under {@code detail} as SES publishes them to EventBridge), and
 * each sentence checked against the event it came from, field by field, read independently of
 * the transformer's paths.
 */
class ReadableAlertsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static StackSimulation.Result stack;
    private static String configurationSet;

    @BeforeAll
    static void deploy() {
        stack = Stacks.typical();
        configurationSet = (String)
                stack.one("aws:sesv2/configurationSet:ConfigurationSet").input("configurationSetName");
    }

    /** SES's event record as EventBridge delivers it: the record under detail, this stack's configuration set in its tags. */
    private static JsonNode sesEvent(String fixture, String detailType) throws IOException {
        JsonNode record;
        try (var in = ReadableAlertsTest.class.getResourceAsStream("/ses-events/" + fixture)) {
            record = JSON.readTree(in);
        }
        ((ObjectNode) record.path("mail").path("tags"))
                .set("ses:configuration-set", JSON.createArrayNode().add(configurationSet));
        var event = JSON.createObjectNode();
        event.put("version", "0")
                .put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718")
                .put("detail-type", detailType)
                .put("source", "aws.ses")
                .put("account", "123456789012")
                .put("time", "2017-08-05T00:41:03Z")
                .put("region", "ap-northeast-1");
        event.set("resources", JSON.createArrayNode());
        event.set("detail", record);
        return event;
    }

    @SuppressWarnings("unchecked")
    private static InputTransformer.Rendered render(String target, JsonNode event) {
        var declared = stack.named("aws:cloudwatch/eventTarget:EventTarget", target);
        var rendered = InputTransformer.render(
                (Map<String, String>) declared.input("inputTransformer.inputPaths"),
                (String) declared.input("inputTransformer.inputTemplate"),
                event);
        assertEquals(
                List.of(),
                rendered.unmatchedPaths(),
                target + ": paths that find nothing in SES's event print as blanks");
        return rendered;
    }

    private static boolean ruleMatches(String rule, JsonNode event) throws IOException {
        DeclaredResource declared = stack.named("aws:cloudwatch/eventRule:EventRule", rule);
        return InputTransformer.matches(JSON.readTree((String) declared.input("eventPattern")), event);
    }

    @Test
    void aBounceAlertSaysWhoSentWhatToWhomAndWhatTheServerSaid() throws IOException {
        var event = sesEvent("bounce.json", "Email Bounced");
        var bounce = event.path("detail").path("bounce");
        var mail = event.path("detail").path("mail");
        var recipient = bounce.path("bouncedRecipients").path(0);
        var text = render("bounces-to-people-target", event).text();
        var lines = text.split("\n");
        assertEquals(
                "SES bounce (" + bounce.path("bounceType").asText() + "/"
                        + bounce.path("bounceSubType").asText() + "): mail from "
                        + mail.path("source").asText() + " to "
                        + recipient.path("emailAddress").asText() + " was not delivered.",
                lines[0],
                text);
        assertEquals("Subject: " + mail.path("commonHeaders").path("subject").asText(), lines[1]);
        assertEquals(
                "Receiving server said: " + recipient.path("diagnosticCode").asText(), lines[2]);
        assertEquals(
                "When: " + bounce.path("timestamp").asText() + ", message id "
                        + mail.path("messageId").asText(),
                lines[3]);
        assertTrue(lines[4].startsWith("A Permanent bounce usually means"), text);
        assertFalse(
                mail.path("source")
                        .asText()
                        .contains(recipient.path("emailAddress").asText()),
                "the fixture tells sender and recipient apart");
    }

    @Test
    void aComplaintAlertSaysWhoComplainedAboutWhichSender() throws IOException {
        var event = sesEvent("complaint.json", "Email Complaint Received");
        var complaint = event.path("detail").path("complaint");
        var mail = event.path("detail").path("mail");
        var text = render("complaints-to-people-target", event).text();
        var lines = text.split("\n");
        assertEquals(
                "SES complaint (" + complaint.path("complaintFeedbackType").asText() + "): "
                        + complaint
                                .path("complainedRecipients")
                                .path(0)
                                .path("emailAddress")
                                .asText() + " marked mail from "
                        + mail.path("source").asText() + " as spam.",
                lines[0],
                text);
        assertEquals("Subject: " + mail.path("commonHeaders").path("subject").asText(), lines[1]);
        assertEquals("Reported via: " + complaint.path("userAgent").asText(), lines[2]);
        assertEquals(
                "When: " + complaint.path("timestamp").asText() + ", message id "
                        + mail.path("messageId").asText(),
                lines[3]);
    }

    @Test
    void eachRuleMatchesItsOwnEventsOfThisConfigurationSetOnly() throws IOException {
        var bounce = sesEvent("bounce.json", "Email Bounced");
        var complaint = sesEvent("complaint.json", "Email Complaint Received");
        assertTrue(ruleMatches("bounces-to-people", bounce));
        assertTrue(ruleMatches("complaints-to-people", complaint));
        assertFalse(ruleMatches("bounces-to-people", complaint));
        assertFalse(ruleMatches("complaints-to-people", bounce));
        ((ObjectNode) bounce.path("detail").path("mail").path("tags"))
                .set("ses:configuration-set", JSON.createArrayNode().add("someone-elses-set"));
        assertFalse(
                ruleMatches("bounces-to-people", bounce),
                "another configuration set's bounces are not this stack's to announce");
    }

    @Test
    void anErrorObjectAlertNamesTheObjectFirehoseWrote() throws IOException {
        var bucket = (String) stack.one("aws:s3/bucketV2:BucketV2").input("bucket");
        var event = (ObjectNode) JSON.readTree(
                """
                {"version": "0", "detail-type": "Object Created", "source": "aws.s3", "time": "2024-11-05T10:12:31Z",
                 "detail": {"bucket": {"name": "%s"}, "object": {"key": "errorLog/processing-failed/dt=2024-11-05/ses-logs-1-2024-11-05-10-12-31-abc", "size": 1024}}}
                """
                        .formatted(bucket));
        assertTrue(ruleMatches("error-objects", event));
        var text = render("error-objects-target", event).text();
        assertTrue(
                text.contains(
                        "s3://" + bucket
                                + "/errorLog/processing-failed/dt=2024-11-05/ses-logs-1-2024-11-05-10-12-31-abc at 2024-11-05T10:12:31Z"),
                text);
        ((ObjectNode) event.path("detail").path("object")).put("key", "partitioned/Bounce/2024/11/05/x");
        assertFalse(ruleMatches("error-objects", event), "delivered logs are no incident");
    }

    @Test
    void theRendererFollowsEventBridgesRules() throws IOException {
        var event = JSON.readTree("{\"detail\": {\"a\": [{\"b\": \"x \\\"quoted\\\"\"}], \"n\": 3}}");
        assertEquals(
                "x \"quoted\"",
                InputTransformer.select(event, "$.detail.a[0].b").asText());
        var rendered = InputTransformer.render(
                Map.of("b", "$.detail.a[0].b", "n", "$.detail.n", "m", "$.detail.missing"),
                "\"<b> is <n>\\n<m>.\"",
                event);
        assertEquals("x \"quoted\" is 3\n.", rendered.text());
        assertEquals(List.of("$.detail.missing"), rendered.unmatchedPaths());
    }
}
