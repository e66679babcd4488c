package dev.seslogs.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seslogs.Stacks;
import dev.seslogs.notify.AlarmEvaluator.Alarm;
import dev.seslogs.notify.AlarmEvaluator.Datapoint;
import dev.seslogs.notify.AlarmEvaluator.Metric;
import dev.seslogs.notify.AlarmEvaluator.State;
import dev.seslogs.simulation.StackSimulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every alarm the stack declares, evaluated as CloudWatch evaluates it ({@link AlarmEvaluator})
 * over the metrics AWS would publish in the situations it exists for, and in the healthy case
 * and with no mail at all: each fires when it should and no other does. The metrics carry the
 * dimensions of the real resources (the stream's, the rules' and the topic's names as the
 * program registers them), so an alarm watching the wrong name stays silent and fails here.
 */
class AlarmsFireTest {
    /** Minutes simulated; incidents start at minute INCIDENT. */
    private static final int MINUTES = 90;

    private static final int INCIDENT = 30;
    private static StackSimulation.Result stack;
    private static List<Alarm> alarms;
    private static String stream;
    private static String topic;
    private static Map<String, String> rules;

    @BeforeAll
    static void deploy() {
        stack = Stacks.typical();
        alarms = stack.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").stream()
                .map(Alarm::of)
                .toList();
        stream = (String) stack.one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")
                .input("name");
        topic = (String) stack.named("aws:sns/topic:Topic", "alerts-topic").input("name");
        rules = new LinkedHashMap<>();
        stack.ofType("aws:cloudwatch/eventRule:EventRule")
                .forEach(rule -> rules.put(rule.name(), (String) rule.input("name")));
    }

    /** The metrics AWS publishes in one situation, per minute. */
    private static final class Situation {
        final Map<Metric, List<Datapoint>> metrics = new HashMap<>();

        /** One datapoint a minute from {@code from} to {@code to} (exclusive); a null value publishes nothing that minute. */
        Situation every(
                int from,
                int to,
                String namespace,
                String name,
                Map<String, String> dimensions,
                IntFunction<Double> value) {
            var points = metrics.computeIfAbsent(new Metric(namespace, name, dimensions), m -> new ArrayList<>());
            points.removeIf(p -> p.second() >= from * 60L && p.second() < to * 60L);
            for (var minute = from; minute < to; minute++) {
                var v = value.apply(minute);
                if (v != null) {
                    points.add(new Datapoint(minute * 60L + 30, v));
                }
            }
            return this;
        }

        Situation stream(int from, String name, IntFunction<Double> value) {
            return every(from, MINUTES, "AWS/Firehose", name, Map.of("DeliveryStreamName", stream), value);
        }

        Situation ses(int from, String name, double value) {
            return every(from, MINUTES, "AWS/SES", name, Map.of(), m -> value);
        }
    }

    /** Mail flows, the stream delivers within its buffer interval, nothing fails. */
    private static Situation healthy() {
        var s = new Situation()
                        .ses(0, "Send", 120)
                        .ses(0, "Delivery", 118)
                        .ses(0, "Bounce", 1)
                        .ses(0, "Reputation.BounceRate", 0.005)
                        .ses(0, "Reputation.ComplaintRate", 0.0001)
                        .stream(0, "IncomingRecords", m -> 240.0)
                        // Records wait up to the 300 s buffer interval; every S3 put succeeds.
                        .stream(0, "DeliveryToS3.DataFreshness", m -> (m % 5) * 60.0 + 30)
                        .stream(0, "DeliveryToS3.Success", m -> 1.0)
                        .stream(0, "ThrottledRecords", m -> 0.0);
        // SNS publishes every five minutes: alerts delivered, none failed.
        s.every(
                0,
                MINUTES,
                "AWS/SNS",
                "NumberOfNotificationsDelivered",
                Map.of("TopicName", topic),
                m -> m % 5 == 0 ? 2.0 : null);
        s.every(
                0,
                MINUTES,
                "AWS/SNS",
                "NumberOfNotificationsFailed",
                Map.of("TopicName", topic),
                m -> m % 5 == 0 ? 0.0 : null);
        return s;
    }

    private static Map<String, Situation> situations() {
        var situations = new LinkedHashMap<String, Situation>();
        situations.put("healthy", healthy());
        // Nothing sent, so nothing published at all: no incident.
        situations.put("no mail at all", new Situation());
        // Nothing reaches S3 any more and no put is even tried: the oldest record just ages.
        situations.put(
                "stream stuck",
                healthy().stream(INCIDENT, "DeliveryToS3.DataFreshness", m -> 300.0 + (m - INCIDENT) * 60.0).stream(
                        INCIDENT, "DeliveryToS3.Success", m -> null));
        // One put in ten fails for a few minutes (Firehose retries them): logs are at risk.
        situations.put(
                "partial delivery failure",
                healthy()
                        .every(
                                INCIDENT,
                                INCIDENT + 4,
                                "AWS/Firehose",
                                "DeliveryToS3.Success",
                                Map.of("DeliveryStreamName", stream),
                                m -> 0.9));
        // The bucket refuses every put (policy or key changed): nothing is delivered, records age.
        situations.put(
                "total delivery failure",
                healthy().stream(INCIDENT, "DeliveryToS3.Success", m -> 0.0).stream(
                        INCIDENT, "DeliveryToS3.DataFreshness", m -> 300.0 + (m - INCIDENT) * 60.0));
        situations.put("bounce rate crosses the warning", healthy().ses(INCIDENT, "Reputation.BounceRate", 0.025));
        situations.put(
                "bounce rate reaches AWS's review level", healthy().ses(INCIDENT, "Reputation.BounceRate", 0.06));
        situations.put(
                "complaint rate crosses the warning", healthy().ses(INCIDENT, "Reputation.ComplaintRate", 0.0007));
        situations.put(
                "complaint rate reaches AWS's review level",
                healthy().ses(INCIDENT, "Reputation.ComplaintRate", 0.0015));
        situations.put("SES faster than the stream's quota", healthy().stream(INCIDENT, "ThrottledRecords", m -> 40.0));
        var lost = healthy();
        rules.values()
                .forEach(rule -> lost.every(
                        INCIDENT, INCIDENT + 1, "AWS/Events", "FailedInvocations", Map.of("RuleName", rule), m -> 1.0));
        situations.put("EventBridge cannot deliver to the alerts topic", lost);
        situations.put(
                "the alerts topic cannot deliver to people",
                healthy()
                        .every(
                                INCIDENT,
                                INCIDENT + 1,
                                "AWS/SNS",
                                "NumberOfNotificationsFailed",
                                Map.of("TopicName", topic),
                                m -> 1.0));
        return situations;
    }

    /** The alarms (name suffixes) each situation must fire; every other alarm must stay OK. */
    private static Map<String, Set<String>> expected() {
        var expected = new LinkedHashMap<String, Set<String>>();
        expected.put("healthy", Set.of());
        expected.put("no mail at all", Set.of());
        expected.put("stream stuck", Set.of("log-delivery-stale"));
        expected.put("partial delivery failure", Set.of("log-delivery-failing"));
        expected.put("total delivery failure", Set.of("log-delivery-failing", "log-delivery-stale"));
        expected.put("bounce rate crosses the warning", Set.of("ses-bounce-rate-warning"));
        expected.put(
                "bounce rate reaches AWS's review level",
                Set.of("ses-bounce-rate-warning", "ses-bounce-rate-review-level"));
        expected.put("complaint rate crosses the warning", Set.of("ses-complaint-rate-warning"));
        expected.put(
                "complaint rate reaches AWS's review level",
                Set.of("ses-complaint-rate-warning", "ses-complaint-rate-review-level"));
        expected.put("SES faster than the stream's quota", Set.of("log-records-throttled"));
        var rulesFail = new TreeSet<String>();
        rules.keySet().forEach(rule -> rulesFail.add(rule + "-delivery-failing"));
        expected.put("EventBridge cannot deliver to the alerts topic", rulesFail);
        expected.put("the alerts topic cannot deliver to people", Set.of("alerts-delivery-failing"));
        return expected;
    }

    private static Set<String> fired(Situation situation) {
        var fired = new TreeSet<String>();
        for (var alarm : alarms) {
            var timeline = AlarmEvaluator.timeline(alarm, situation.metrics, MINUTES);
            if (timeline.contains(State.ALARM)) {
                fired.add(alarm.name().substring("ses-logs-".length()));
            }
        }
        return fired;
    }

    @Test
    void eachSituationFiresExactlyTheAlarmsThatExistForIt() {
        var expected = expected();
        var situations = situations();
        var mismatches = new ArrayList<String>();
        situations.forEach((name, situation) -> {
            var fired = fired(situation);
            if (!fired.equals(new TreeSet<>(expected.get(name)))) {
                mismatches.add(name + ": expected " + new TreeSet<>(expected.get(name)) + ", fired " + fired);
            }
        });
        assertEquals(List.of(), mismatches);
    }

    @Test
    void everyDeclaredAlarmIsProvenToFireSomewhere() {
        var covered = new TreeSet<String>();
        expected().values().forEach(covered::addAll);
        var declared = new TreeSet<String>();
        alarms.forEach(alarm -> declared.add(alarm.name().substring("ses-logs-".length())));
        assertEquals(declared, covered, "an alarm without a situation that fires it is only declared, not proven");
        assertEquals(11, declared.size(), "4 reputation, 3 stream, 3 EventBridge rules, the alerts topic");
    }

    @Test
    void noMailAtAllIsNeverAnIncidentAndNeverInsufficientData() {
        for (var alarm : alarms) {
            var timeline = AlarmEvaluator.timeline(alarm, new Situation().metrics, MINUTES);
            assertTrue(timeline.stream().allMatch(state -> state == State.OK), alarm.name() + ": " + timeline);
        }
    }

    @Test
    void anAlarmReturnsToOkWhenTheSituationEnds() {
        var failing = alarms.stream()
                .filter(a -> a.name().endsWith("log-delivery-failing"))
                .findFirst()
                .orElseThrow();
        var situation = situations().get("partial delivery failure");
        var timeline = AlarmEvaluator.timeline(failing, situation.metrics, MINUTES);
        assertEquals(State.ALARM, timeline.get(INCIDENT + 4), "the period with the failed puts: " + timeline);
        assertEquals(State.OK, timeline.get(MINUTES - 1), "every put succeeds again: " + timeline);
    }

    @Test
    void theEvaluatorFollowsCloudWatchsDocumentedRules() {
        var metric = new Metric("N", "M", Map.of());
        var alarm = new Alarm("a", metric, "Sum", 60, 3, 2, "GreaterThanThreshold", 5, "missing");
        // 2 of 3 periods above 5: ALARM (M out of N).
        var points = Map.of(
                metric,
                List.of(new Datapoint(0, 6), new Datapoint(60, 1), new Datapoint(120, 3), new Datapoint(130, 3)));
        assertEquals(
                State.ALARM,
                AlarmEvaluator.evaluate(alarm, points, 180, State.OK),
                "6, 1, 3+3=6: two breaching periods");
        assertEquals(
                State.OK,
                AlarmEvaluator.evaluate(
                        new Alarm("a", metric, "Average", 60, 3, 2, "GreaterThanThreshold", 5, "missing"),
                        points,
                        180,
                        State.OK));
        // All missing: INSUFFICIENT_DATA (missing), state kept (ignore), OK (notBreaching), ALARM (breaching).
        Map<Metric, List<Datapoint>> none = Map.of();
        assertEquals(State.INSUFFICIENT_DATA, AlarmEvaluator.evaluate(alarm, none, 180, State.OK));
        assertEquals(
                State.ALARM,
                AlarmEvaluator.evaluate(
                        new Alarm("a", metric, "Sum", 60, 3, 2, "GreaterThanThreshold", 5, "ignore"),
                        none,
                        180,
                        State.ALARM));
        assertEquals(
                State.OK,
                AlarmEvaluator.evaluate(
                        new Alarm("a", metric, "Sum", 60, 3, 2, "GreaterThanThreshold", 5, "notBreaching"),
                        none,
                        180,
                        State.ALARM));
        assertEquals(
                State.ALARM,
                AlarmEvaluator.evaluate(
                        new Alarm("a", metric, "Sum", 60, 3, 2, "GreaterThanThreshold", 5, "breaching"),
                        none,
                        180,
                        State.OK));
        // The threshold itself: GreaterThanOrEqualTo breaches at it, GreaterThan does not.
        assertTrue(AlarmEvaluator.breaches("GreaterThanOrEqualToThreshold", 0.05, 0.05));
        assertTrue(!AlarmEvaluator.breaches("GreaterThanThreshold", 0.05, 0.05));
    }
}
