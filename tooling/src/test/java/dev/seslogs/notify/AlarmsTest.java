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

class AlarmsTest {
    private static final String ALERTS_ARN = "arn:aws:sns:ap-northeast-1:123456789012:ses-logs-alerts";
    private static StackSimulation.Result stack;

    @BeforeAll
    static void deploy() {
        stack = Stacks.typical();
    }

    private static DeclaredResource alarm(StackSimulation.Result result, String suffix) {
        return result.named("aws:cloudwatch/metricAlarm:MetricAlarm", suffix);
    }

    @Test
    void reputationWarningsFireWellBelowWhereAwsReviewsTheAccount() {
        var bounce = alarm(stack, "ses-bounce-rate-warning");
        assertEquals("ses-logs-ses-bounce-rate-warning", bounce.input("name"));
        assertEquals("AWS/SES", bounce.input("namespace"));
        assertEquals("Reputation.BounceRate", bounce.input("metricName"));
        assertEquals(
                0.02, ((Number) bounce.input("threshold")).doubleValue(), 1e-12, "2%, as a fraction like the metric");
        assertEquals("GreaterThanOrEqualToThreshold", bounce.input("comparisonOperator"));
        assertEquals(
                0.0005, ((Number) alarm(stack, "ses-complaint-rate-warning").input("threshold")).doubleValue(), 1e-12);
        assertEquals(
                0.05, ((Number) alarm(stack, "ses-bounce-rate-review-level").input("threshold")).doubleValue(), 1e-12);
        assertEquals(
                0.001,
                ((Number) alarm(stack, "ses-complaint-rate-review-level").input("threshold")).doubleValue(),
                1e-12);
    }

    @Test
    void everyRuleThatTurnsEventsIntoAlertsHasAnAlarmOnItsFailedDeliveries() {
        var rules = stack.ofType("aws:cloudwatch/eventRule:EventRule");
        assertEquals(3, rules.size(), "readable bounces, readable complaints, error objects");
        for (var rule : rules) {
            var alarm = alarm(stack, rule.name() + "-delivery-failing");
            assertEquals("AWS/Events", alarm.input("namespace"));
            assertEquals("FailedInvocations", alarm.input("metricName"));
            assertEquals(Map.of("RuleName", rule.input("name")), alarm.input("dimensions"), "the rule's own name");
            assertEquals("Sum", alarm.input("statistic"));
            assertEquals("GreaterThanThreshold", alarm.input("comparisonOperator"));
            assertEquals(0.0, ((Number) alarm.input("threshold")).doubleValue(), "one lost alert is one too many");
        }
    }

    @Test
    void warningThresholdsFollowTheSettings() {
        var custom = Stacks.run(Stacks.with(
                        Stacks.with(Stacks.typicalConfig(), "bounceRateWarning", "1.5%"),
                        "complaintRateWarning",
                        "0.02%"))
                .orThrow();
        assertEquals(
                0.015, ((Number) alarm(custom, "ses-bounce-rate-warning").input("threshold")).doubleValue(), 1e-12);
        assertEquals(
                0.0002, ((Number) alarm(custom, "ses-complaint-rate-warning").input("threshold")).doubleValue(), 1e-12);
        assertTrue(((String) alarm(custom, "ses-bounce-rate-warning").input("alarmDescription"))
                .startsWith("SES bounce rate is above 1.5%."));
    }

    @Test
    void everyAlarmTellsTheOnCallPersonWhatHappenedAndWhatToDoOnTheAlertsTopic() {
        var alarms = stack.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
        assertEquals(11, alarms.size(), "4 reputation, 3 stream, 3 EventBridge rules, the alerts topic");
        for (var alarm : alarms) {
            var description = (String) alarm.input("alarmDescription");
            assertTrue(description.length() > 80 && description.length() <= 1024, alarm.name() + ": " + description);
            assertTrue(
                    description.matches("(?s).*\\b(Run|Stop|Read|Ask|Find|fix|find)\\b.*"),
                    "says what to do: " + description);
            assertEquals(List.of(ALERTS_ARN), alarm.input("alarmActions"), alarm.name());
            assertEquals(List.of(ALERTS_ARN), alarm.input("okActions"), alarm.name());
            assertEquals("notBreaching", alarm.input("treatMissingData"), "no mail sent is not an incident");
            assertEquals(Map.of("Cost", "SES"), alarm.input("tags"));
        }
    }

    @Test
    void theStreamIsWatchedForStaleFailingAndThrottledDelivery() {
        var stream = Map.of("DeliveryStreamName", "ses-logs-123456789012-ap-northeast-1");
        var stale = alarm(stack, "log-delivery-stale");
        assertEquals("AWS/Firehose", stale.input("namespace"));
        assertEquals("DeliveryToS3.DataFreshness", stale.input("metricName"));
        assertEquals(900, ((Number) stale.input("threshold")).intValue());
        assertEquals(stream, stale.input("dimensions"));
        var failing = alarm(stack, "log-delivery-failing");
        assertEquals("DeliveryToS3.Success", failing.input("metricName"));
        assertEquals("LessThanThreshold", failing.input("comparisonOperator"));
        assertEquals(stream, failing.input("dimensions"));
        assertEquals("ThrottledRecords", alarm(stack, "log-records-throttled").input("metricName"));
    }

    @Test
    void objectsInTheErrorPrefixAreAnnounced() {
        var notification = stack.one("aws:s3/bucketNotification:BucketNotification");
        assertEquals(true, notification.input("eventbridge"));
        var rule = stack.named("aws:cloudwatch/eventRule:EventRule", "error-objects");
        var pattern = Json.parse(rule.input("eventPattern"));
        assertEquals("aws.s3", pattern.at("/source/0").asText());
        assertEquals("Object Created", pattern.at("/detail-type/0").asText());
        assertEquals(
                "ses-logs-123456789012-ap-northeast-1",
                pattern.at("/detail/bucket/name/0").asText());
        assertEquals("errorLog/", pattern.at("/detail/object/key/0/prefix").asText());
        var target = stack.named("aws:cloudwatch/eventTarget:EventTarget", "error-objects-target");
        assertEquals(ALERTS_ARN, target.input("arn"));
        assertTrue(((String) target.input("inputTransformer.inputTemplate")).contains("s3://<bucket>/<key>"));
    }
}
