package dev.seslogs.notify;

import static dev.seslogs.ComponentTests.input;
import static dev.seslogs.ComponentTests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pulumi.core.Output;
import dev.seslogs.ComponentTests;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AlarmsUnitTest {
    private static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    private static final String RULE = "aws:cloudwatch/eventRule:EventRule";
    private static final String TARGET = "aws:cloudwatch/eventTarget:EventTarget";
    private static final String ALERTS = "arn:aws:sns:eu-west-1:111122223333:ses-logs-alerts";
    private static final Alarms.ReputationWarnings WARNINGS =
            new Alarms.ReputationWarnings(new BigDecimal("0.03"), new BigDecimal("0.0007"));

    private static ComponentTests.Built<Alarms> alarms(
            Optional<Alarms.ReputationWarnings> reputation, Optional<String> stream, Optional<String> bucket) {
        return ComponentTests.build(f -> new Alarms(
                "alarms",
                new Alarms.Args(Map.of("Cost", "SES"), reputation),
                f.names(),
                Output.of(ALERTS),
                stream.map(Output::of),
                bucket.map(Output::of),
                f.options()));
    }

    @Test
    void withoutReputationWarningsStreamOrBucketOnlyTheAlertsTopicIsWatched() {
        var built = alarms(Optional.empty(), Optional.empty(), Optional.empty());
        assertEquals(
                Set.of("alerts-delivery-failing"),
                built.names(ALARM),
                "every stack has an alerts topic, whose deliveries may fail");
        assertEquals(Set.of(), built.names(RULE));
    }

    @Test
    void reputationAlarmsFireAtTheWarningsAndAtAwsReviewLevels() {
        var built = alarms(Optional.of(WARNINGS), Optional.empty(), Optional.empty());
        assertEquals(
                Set.of(
                        "ses-bounce-rate-warning",
                        "ses-bounce-rate-review-level",
                        "ses-complaint-rate-warning",
                        "ses-complaint-rate-review-level",
                        "bounces-to-people-delivery-failing",
                        "complaints-to-people-delivery-failing",
                        "alerts-delivery-failing"),
                built.names(ALARM));
        var bounceWarning = built.named(ALARM, "ses-bounce-rate-warning");
        assertEquals("ses-logs-ses-bounce-rate-warning", input(bounceWarning, "name"));
        assertEquals("AWS/SES", input(bounceWarning, "namespace"));
        assertEquals("Reputation.BounceRate", input(bounceWarning, "metricName"));
        assertEquals("GreaterThanOrEqualToThreshold", input(bounceWarning, "comparisonOperator"));
        assertEquals(0.03, input(bounceWarning, "threshold"));
        assertEquals(900.0, input(bounceWarning, "period"));
        assertEquals("notBreaching", input(bounceWarning, "treatMissingData"));
        assertEquals(List.of(ALERTS), input(bounceWarning, "alarmActions"));
        assertEquals(List.of(ALERTS), input(bounceWarning, "okActions"));
        assertEquals(Map.of("Cost", "SES"), input(bounceWarning, "tags"));
        assertEquals(0.05, input(built.named(ALARM, "ses-bounce-rate-review-level"), "threshold"));
        assertEquals(0.0007, input(built.named(ALARM, "ses-complaint-rate-warning"), "threshold"));
        assertEquals("Reputation.ComplaintRate", input(built.named(ALARM, "ses-complaint-rate-warning"), "metricName"));
        assertEquals(0.001, input(built.named(ALARM, "ses-complaint-rate-review-level"), "threshold"));
    }

    @Test
    void streamAlarmsWatchTheGivenStream() {
        var built = alarms(Optional.empty(), Optional.of("the-stream"), Optional.empty());
        assertEquals(
                Set.of(
                        "log-delivery-stale",
                        "log-delivery-failing",
                        "log-records-throttled",
                        "alerts-delivery-failing"),
                built.names(ALARM));
        var stale = built.named(ALARM, "log-delivery-stale");
        assertEquals(Map.of("DeliveryStreamName", "the-stream"), input(stale, "dimensions"));
        assertEquals("DeliveryToS3.DataFreshness", input(stale, "metricName"));
        assertEquals(900.0, input(stale, "threshold"));
        var failing = built.named(ALARM, "log-delivery-failing");
        assertEquals("LessThanThreshold", input(failing, "comparisonOperator"));
        assertEquals(1.0, input(failing, "threshold"));
    }

    @Test
    void errorObjectsInTheLocalBucketAreAnnouncedOnTheAlertsTopic() {
        var built = alarms(Optional.empty(), Optional.empty(), Optional.of("the-bucket"));
        var rule = built.one(RULE);
        assertEquals("ses-logs-error-objects", input(rule, "name"));
        var pattern = json(rule, "eventPattern");
        assertEquals("aws.s3", pattern.at("/source/0").asText());
        assertEquals("the-bucket", pattern.at("/detail/bucket/name/0").asText());
        assertEquals("errorLog/", pattern.at("/detail/object/key/0/prefix").asText());
        var target = built.one(TARGET);
        assertEquals("ses-logs-error-objects", input(target, "rule"));
        assertEquals(ALERTS, input(target, "arn"));
    }

    @Test
    void everyAlertRuleHasAFailedInvocationsAlarm() {
        var built = alarms(Optional.of(WARNINGS), Optional.empty(), Optional.of("the-bucket"));
        var ruleAlarms = built.ofType(ALARM).stream()
                .filter(a -> "FailedInvocations".equals(input(a, "metricName")))
                .toList();
        assertEquals(
                Set.of("ses-logs-bounces-to-people", "ses-logs-complaints-to-people", "ses-logs-error-objects"),
                ruleAlarms.stream().map(a -> input(a, "dimensions.RuleName")).collect(Collectors.toSet()));
        var errorObjects = built.named(ALARM, "error-objects-delivery-failing");
        assertEquals("AWS/Events", input(errorObjects, "namespace"));
        assertEquals("GreaterThanThreshold", input(errorObjects, "comparisonOperator"));
        assertEquals(0.0, input(errorObjects, "threshold"));
        assertEquals(
                Set.of("error-objects-delivery-failing", "alerts-delivery-failing"),
                alarms(Optional.empty(), Optional.empty(), Optional.of("the-bucket"))
                        .names(ALARM),
                "an archive has only its error-objects rule");
    }
}
