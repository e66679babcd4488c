package dev.seslogs.notify;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetInputTransformerArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.seslogs.aws.PhysicalNames;
import dev.seslogs.aws.StableJson;
import dev.seslogs.stream.PartitionLayout;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What tells the on-call person, on the alerts topic, that sending is at risk or logs are being
 * lost: SES reputation (a warning well below AWS's review level, and the review level itself),
 * the event stream's delivery, and objects Firehose had to write to the error prefix.
 */
public final class Alarms extends ComponentResource {
    public static final String TYPE = "ses-logs:index:Alarms";

    /** Firehose's largest buffer interval is 15 minutes; a record older than that is stuck, not buffered. */
    public static final int STALE_AFTER_SECONDS = 900;
    /** SES refreshes reputation metrics a few times an hour; 15 minutes sees each update. */
    public static final int REPUTATION_PERIOD_SECONDS = 900;

    public static final int STREAM_PERIOD_SECONDS = 300;

    /** Where AWS reviews an account (SES Developer Guide, "Sending review process FAQs"), as fractions like the metrics. */
    public static final BigDecimal BOUNCE_RATE_REVIEW = new BigDecimal("0.05");

    public static final BigDecimal COMPLAINT_RATE_REVIEW = new BigDecimal("0.001");
    /** Where AWS may pause sending. */
    public static final BigDecimal BOUNCE_RATE_PAUSE = new BigDecimal("0.10");

    public static final BigDecimal COMPLAINT_RATE_PAUSE = new BigDecimal("0.005");

    /** One alarm as the on-call person reads it: name, what happened and what to do. */
    public record AlarmSpec(
            String suffix,
            String description,
            String namespace,
            String metric,
            String statistic,
            int periodSeconds,
            String comparison,
            double threshold,
            Map<String, String> dimensions) {}

    /** Where the reputation warnings fire, as fractions like the metrics (0.02 = 2%). */
    public record ReputationWarnings(BigDecimal bounceRate, BigDecimal complaintRate) {}

    /**
     * @param tags       tags of the alarms and the rule
     * @param reputation the account's SES reputation is watched with these warnings (empty: the stack sends no mail)
     */
    public record Args(Map<String, String> tags, Optional<ReputationWarnings> reputation) {
        public Args {
            tags = Map.copyOf(tags);
        }
    }

    public Alarms(
            String name,
            Args settings,
            PhysicalNames names,
            Output<String> alertsTopicArn,
            Optional<Output<String>> eventStreamName,
            Optional<Output<String>> localBucketName,
            ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var specs = new java.util.ArrayList<AlarmSpec>();
        settings.reputation().ifPresent(warnings -> specs.addAll(reputationAlarms(warnings)));
        for (var spec : specs) {
            alarm(spec, names, settings, alertsTopicArn, Output.of(spec.dimensions()), child);
        }
        eventStreamName.ifPresent(stream -> {
            for (var spec : streamAlarms()) {
                alarm(
                        spec,
                        names,
                        settings,
                        alertsTopicArn,
                        stream.applyValue(s -> Map.of("DeliveryStreamName", s)),
                        child);
            }
        });

        // Records Firehose cannot process or partition land under errorLog/; each new object
        // there is announced, which a metric could not do for every failure mode.
        // (LogArchive switches on the bucket's EventBridge notifications.)
        localBucketName.ifPresent(bucket -> {
            var rule = new EventRule(
                    ERROR_OBJECTS_RULE,
                    EventRuleArgs.builder()
                            .name(Output.format("%s%s", names.operationsPrefix(), ERROR_OBJECTS_RULE))
                            .description("Objects Firehose wrote to the error prefix of the log bucket")
                            .eventPattern(bucket.applyValue(Alarms::errorObjectPattern))
                            .tags(settings.tags())
                            .build(),
                    child);
            new EventTarget(
                    "error-objects-target",
                    EventTargetArgs.builder()
                            .rule(rule.name())
                            .arn(alertsTopicArn)
                            .inputTransformer(EventTargetInputTransformerArgs.builder()
                                    .inputPaths(Map.of(
                                            "bucket",
                                            "$.detail.bucket.name",
                                            "key",
                                            "$.detail.object.key",
                                            "time",
                                            "$.time"))
                                    .inputTemplate(
                                            "\"ses-logs: Firehose could not process or partition some SES events and wrote them to "
                                                    + "s3://<bucket>/<key> at <time>. The folder after errorLog/ names the failure "
                                                    + "(processing-failed: the metadata query failed; partitioning-failed: too many partitions or a bad key). "
                                                    + "Read the object and the stream's CloudWatch log group; those events are not in the seslogs table.\"")
                                    .build())
                            .build(),
                    child);
        });
        // A rule whose target refuses it (the topic's policy, the key's) drops the alert without a
        // trace: each rule's failed invocations alarm. The alarm reaches the topic through
        // CloudWatch, whose own grants are independent of EventBridge's.
        for (var spec : ruleAlarms(alertRules(settings.reputation().isPresent(), localBucketName.isPresent()))) {
            alarm(
                    spec,
                    names,
                    settings,
                    alertsTopicArn,
                    Output.of(Map.of(
                            RULE_NAME,
                            names.operationsPrefix() + spec.dimensions().get(RULE_NAME))),
                    child);
        }
        // The alerts topic itself failing to deliver (an e-mail endpoint gone, a subscription's
        // policy): this alarm's own e-mail may be lost the same way; the console's alarm list and
        // the dashboard still show it.
        var topicAlarm = alertsTopicAlarm();
        alarm(
                topicAlarm,
                names,
                settings,
                alertsTopicArn,
                Output.of(Map.of(
                        TOPIC_NAME,
                        names.operationsPrefix() + topicAlarm.dimensions().get(TOPIC_NAME))),
                child);
        registerOutputs(Map.of());
    }

    public static final String ERROR_OBJECTS_RULE = "error-objects";

    /** The EventBridge rules that turn events into alerts: readable feedback where mail is sent, error objects where logs are kept. */
    public static List<String> alertRules(boolean sendsMail, boolean keepsLogsHere) {
        var rules = new java.util.ArrayList<String>();
        if (sendsMail) {
            Notifications.READABLE_EVENTS.forEach(event -> rules.add(event.ruleSuffix()));
        }
        if (keepsLogsHere) {
            rules.add(ERROR_OBJECTS_RULE);
        }
        return List.copyOf(rules);
    }

    private static final String RULE_NAME = "RuleName";
    private static final String TOPIC_NAME = "TopicName";
    /** The alerts topic's name after the stack's operations prefix (PhysicalNames.alertsTopic). */
    public static final String ALERTS_TOPIC_SUFFIX = "alerts";

    /**
     * SNS's failed deliveries of the alerts topic to its subscribers (namespace AWS/SNS,
     * dimension TopicName, here the name without the stack's operations prefix). Its own alarm
     * e-mail goes through the same topic: when the topic cannot deliver, the CloudWatch console's
     * alarm list and the stack's dashboard are what still show it.
     */
    public static AlarmSpec alertsTopicAlarm() {
        return new AlarmSpec(
                "alerts-delivery-failing",
                "SNS could not deliver alerts to subscribers of the alerts topic (an address that bounces, a deleted or "
                        + "unconfirmed subscription, or with customerManagedKey a key SNS may no longer use): people are not told. "
                        + "This alarm's own e-mail may be lost the same way; the CloudWatch console's alarm list and the stack's dashboard "
                        + "show it. Check the topic's subscriptions and delivery status logs, fix or confirm them, and run pulumi up.",
                "AWS/SNS",
                "NumberOfNotificationsFailed",
                "Sum",
                STREAM_PERIOD_SECONDS,
                "GreaterThanThreshold",
                0,
                Map.of(TOPIC_NAME, ALERTS_TOPIC_SUFFIX));
    }

    /**
     * EventBridge's failed deliveries to the alerts topic, one alarm per rule (namespace
     * AWS/Events, dimension RuleName; the dimension here holds the rule's suffix, the name
     * without the stack's operations prefix).
     */
    public static List<AlarmSpec> ruleAlarms(List<String> ruleSuffixes) {
        return ruleSuffixes.stream()
                .map(rule -> new AlarmSpec(
                        rule + "-delivery-failing",
                        "EventBridge could not deliver the '" + rule
                                + "' notifications to the alerts topic: those alerts are lost. Usually "
                                + "the topic's policy or, with customerManagedKey, the key's policy no longer admits EventBridge. Compare them "
                                + "with the stack (pulumi preview --refresh shows the drift), fix them and run pulumi up.",
                        "AWS/Events",
                        "FailedInvocations",
                        "Sum",
                        STREAM_PERIOD_SECONDS,
                        "GreaterThanThreshold",
                        0,
                        Map.of(RULE_NAME, rule)))
                .toList();
    }

    private void alarm(
            AlarmSpec spec,
            PhysicalNames names,
            Args settings,
            Output<String> topicArn,
            Output<Map<String, String>> dimensions,
            CustomResourceOptions child) {
        new MetricAlarm(
                spec.suffix(),
                MetricAlarmArgs.builder()
                        .name(Output.format("%s%s", names.operationsPrefix(), spec.suffix()))
                        .alarmDescription(spec.description())
                        .namespace(spec.namespace())
                        .metricName(spec.metric())
                        .statistic(spec.statistic())
                        .period(spec.periodSeconds())
                        .evaluationPeriods(1)
                        .comparisonOperator(spec.comparison())
                        .threshold(spec.threshold())
                        .dimensions(dimensions)
                        // No data means no mail sent or nothing to deliver: not a problem.
                        .treatMissingData("notBreaching")
                        .alarmActions(topicArn.applyValue(List::of))
                        .okActions(topicArn.applyValue(List::of))
                        .tags(settings.tags())
                        .build(),
                child);
    }

    public static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** Account-wide SES reputation, the numbers AWS itself acts on (namespace AWS/SES, no dimensions). */
    public static List<AlarmSpec> reputationAlarms(ReputationWarnings warnings) {
        var bounceWarning = warnings.bounceRate();
        var complaintWarning = warnings.complaintRate();
        return List.of(
                new AlarmSpec(
                        "ses-bounce-rate-warning",
                        "SES bounce rate is above " + percent(bounceWarning) + ". AWS reviews the account at "
                                + percent(BOUNCE_RATE_REVIEW)
                                + " and may pause sending at " + percent(BOUNCE_RATE_PAUSE)
                                + ". Run the 'Bounces of the last 7 days' query in the "
                                + "ses-logs Athena workgroup, find which sender or list produces them, and stop sending to addresses that bounce.",
                        "AWS/SES",
                        "Reputation.BounceRate",
                        "Maximum",
                        REPUTATION_PERIOD_SECONDS,
                        "GreaterThanOrEqualToThreshold",
                        bounceWarning.doubleValue(),
                        Map.of()),
                new AlarmSpec(
                        "ses-bounce-rate-review-level",
                        "SES bounce rate reached " + percent(BOUNCE_RATE_REVIEW)
                                + ": AWS puts the account under review and may pause sending at "
                                + percent(BOUNCE_RATE_PAUSE)
                                + ". Stop bulk sending now, remove bouncing addresses (suppression list, "
                                + "'Bounces of the last 7 days' query) and check the SES console's reputation dashboard.",
                        "AWS/SES",
                        "Reputation.BounceRate",
                        "Maximum",
                        REPUTATION_PERIOD_SECONDS,
                        "GreaterThanOrEqualToThreshold",
                        BOUNCE_RATE_REVIEW.doubleValue(),
                        Map.of()),
                new AlarmSpec(
                        "ses-complaint-rate-warning",
                        "SES complaint rate is above " + percent(complaintWarning) + ". AWS reviews the account at "
                                + percent(COMPLAINT_RATE_REVIEW)
                                + " and may pause sending at " + percent(COMPLAINT_RATE_PAUSE)
                                + ". Run the 'Complaints of the last 7 days' query, "
                                + "find the campaign or sender recipients reject, and make sure they asked for this mail and can unsubscribe.",
                        "AWS/SES",
                        "Reputation.ComplaintRate",
                        "Maximum",
                        REPUTATION_PERIOD_SECONDS,
                        "GreaterThanOrEqualToThreshold",
                        complaintWarning.doubleValue(),
                        Map.of()),
                new AlarmSpec(
                        "ses-complaint-rate-review-level",
                        "SES complaint rate reached " + percent(COMPLAINT_RATE_REVIEW)
                                + ": AWS puts the account under review and may pause "
                                + "sending at " + percent(COMPLAINT_RATE_PAUSE)
                                + ". Stop the campaign causing complaints now and check the SES "
                                + "console's reputation dashboard.",
                        "AWS/SES",
                        "Reputation.ComplaintRate",
                        "Maximum",
                        REPUTATION_PERIOD_SECONDS,
                        "GreaterThanOrEqualToThreshold",
                        COMPLAINT_RATE_REVIEW.doubleValue(),
                        Map.of()));
    }

    /** The event stream's delivery into the log bucket (namespace AWS/Firehose, per stream). */
    public static List<AlarmSpec> streamAlarms() {
        return List.of(
                new AlarmSpec(
                        "log-delivery-stale",
                        "SES events older than " + STALE_AFTER_SECONDS / 60
                                + " minutes are still waiting in the event stream: logs are not "
                                + "reaching the log bucket. Read the stream's CloudWatch log group (S3Delivery) for the S3 error; usually the "
                                + "bucket policy, the KMS key or the delivery role changed.",
                        "AWS/Firehose",
                        "DeliveryToS3.DataFreshness",
                        "Maximum",
                        STREAM_PERIOD_SECONDS,
                        "GreaterThanThreshold",
                        STALE_AFTER_SECONDS,
                        Map.of()),
                new AlarmSpec(
                        "log-delivery-failing",
                        "The event stream failed to write to the log bucket. Firehose retries for 24 hours, then drops the data. Read the "
                                + "stream's CloudWatch log group (S3Delivery) and fix access to the bucket.",
                        "AWS/Firehose",
                        "DeliveryToS3.Success",
                        "Minimum",
                        STREAM_PERIOD_SECONDS,
                        "LessThanThreshold",
                        1,
                        Map.of()),
                new AlarmSpec(
                        "log-records-throttled",
                        "The event stream throttled SES's records: SES is sending faster than the stream's quota. Ask AWS to raise the "
                                + "stream's throughput quota.",
                        "AWS/Firehose",
                        "ThrottledRecords",
                        "Sum",
                        STREAM_PERIOD_SECONDS,
                        "GreaterThanThreshold",
                        0,
                        Map.of()));
    }

    static String errorObjectPattern(String bucketName) {
        var pattern = Map.of(
                "source", List.of("aws.s3"),
                "detail-type", List.of("Object Created"),
                "detail",
                        Map.of(
                                "bucket", Map.of("name", List.of(bucketName)),
                                "object", Map.of("key", List.of(Map.of("prefix", PartitionLayout.ERROR_ROOT)))));
        return StableJson.toJson(pattern);
    }
}
