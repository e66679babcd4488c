package dev.seslogs.observe;

import dev.seslogs.config.LogStorageClass;
import dev.seslogs.notify.Alarms;
import dev.seslogs.notify.Alarms.AlarmSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CloudWatch dashboard of one stack, as data (the body PutDashboard takes): what the
 * operator watches, drawn from the same metrics, dimensions and thresholds the alarms use, so the
 * picture and the alarm e-mails never disagree. Pure: every value it needs is resolved first.
 *
 * <p>Layout: CloudWatch's 24-column grid. A header; for a stack that sends mail, SES's sending and
 * its two reputation rates with the warning and AWS review levels, then the event stream's health;
 * for a stack that keeps the logs, the log bucket's size per storage class and the saved queries.
 */
public final class DashboardBody {
    public static final String SES = "AWS/SES";
    public static final String FIREHOSE = "AWS/Firehose";
    public static final String S3 = "AWS/S3";
    /** SES counts sends and outcomes per event; five minutes matches the stream's own period. */
    public static final int SENDING_PERIOD_SECONDS = 300;
    /** S3 publishes storage metrics once a day. */
    public static final int STORAGE_PERIOD_SECONDS = 86_400;

    static final String WARNING_COLOUR = "#ff7f0e";
    static final String REVIEW_COLOUR = "#d62728";

    private DashboardBody() {}

    /** Everything the body shows, resolved. */
    public record Spec(
            OperationsDashboard.Args settings,
            String region,
            Optional<String> streamName,
            Optional<String> bucketName,
            Optional<String> workgroupName) {}

    public static Map<String, Object> of(Spec spec) {
        var widgets = new ArrayList<Map<String, Object>>();
        var y = new int[] {0};
        widgets.add(text(0, y[0], 24, 2, header(spec)));
        y[0] += 2;
        var settings = spec.settings();
        if (settings.reputation().isPresent()) {
            widgets.add(metric(
                    0,
                    y[0],
                    12,
                    6,
                    spec.region(),
                    "SES sending, whole account (per 5 minutes)",
                    "Sum",
                    SENDING_PERIOD_SECONDS,
                    List.of(
                            line(SES, "Send"),
                            line(SES, "Delivery"),
                            line(SES, "Bounce"),
                            line(SES, "Complaint"),
                            line(SES, "Reject"),
                            line(SES, "DeliveryDelay")),
                    List.of(),
                    Map.of()));
            widgets.add(rateWidget(
                    12,
                    y[0],
                    spec.region(),
                    "Bounce rate (AWS reviews at " + Alarms.percent(Alarms.BOUNCE_RATE_REVIEW) + ")",
                    "Reputation.BounceRate",
                    settings.reputation().get()));
            widgets.add(rateWidget(
                    18,
                    y[0],
                    spec.region(),
                    "Complaint rate (AWS reviews at " + Alarms.percent(Alarms.COMPLAINT_RATE_REVIEW) + ")",
                    "Reputation.ComplaintRate",
                    settings.reputation().get()));
            y[0] += 6;
        }
        spec.streamName().ifPresent(stream -> {
            var byStream = List.of("DeliveryStreamName", stream);
            widgets.add(metric(
                    0,
                    y[0],
                    8,
                    6,
                    spec.region(),
                    "Event stream: records in, bytes delivered",
                    "Sum",
                    Alarms.STREAM_PERIOD_SECONDS,
                    List.of(
                            line(FIREHOSE, "IncomingRecords", byStream),
                            line(FIREHOSE, "DeliveryToS3.Bytes", byStream, Map.of("yAxis", "right"))),
                    List.of(),
                    Map.of()));
            var stale = alarm("log-delivery-stale");
            widgets.add(metric(
                    8,
                    y[0],
                    8,
                    6,
                    spec.region(),
                    "Event stream: age of the oldest record (s)",
                    stale.statistic(),
                    stale.periodSeconds(),
                    List.of(line(FIREHOSE, stale.metric(), byStream)),
                    List.of(annotation("alarm: logs stuck", stale.threshold(), REVIEW_COLOUR)),
                    Map.of("left", Map.of("min", 0))));
            var failing = alarm("log-delivery-failing");
            var throttled = alarm("log-records-throttled");
            widgets.add(metric(
                    16,
                    y[0],
                    8,
                    6,
                    spec.region(),
                    "Event stream: delivery success and throttling",
                    "Sum",
                    Alarms.STREAM_PERIOD_SECONDS,
                    List.of(
                            line(
                                    FIREHOSE,
                                    failing.metric(),
                                    byStream,
                                    Map.of("stat", failing.statistic(), "label", "S3 delivery success (1 = all)")),
                            line(
                                    FIREHOSE,
                                    throttled.metric(),
                                    byStream,
                                    Map.of("stat", throttled.statistic(), "yAxis", "right"))),
                    List.of(annotation("alarm below: delivery failing", failing.threshold(), REVIEW_COLOUR)),
                    Map.of("left", Map.of("min", 0, "max", 1))));
            y[0] += 6;
        });
        spec.bucketName().ifPresent(bucket -> {
            var classes = new ArrayList<>(List.of("StandardStorage"));
            if (settings.logStorageClass() == LogStorageClass.STANDARD_IA) {
                classes.add("StandardIAStorage");
            } else if (settings.logStorageClass() == LogStorageClass.GLACIER_IR) {
                classes.add("GlacierInstantRetrievalStorage");
            }
            widgets.add(metric(
                    0,
                    y[0],
                    12,
                    6,
                    spec.region(),
                    "Log bucket size by storage class (bytes, daily)",
                    "Average",
                    STORAGE_PERIOD_SECONDS,
                    classes.stream()
                            .map(storage ->
                                    line(S3, "BucketSizeBytes", List.of("BucketName", bucket, "StorageType", storage)))
                            .toList(),
                    List.of(),
                    Map.of("left", Map.of("min", 0))));
            widgets.add(text(12, y[0], 12, 6, queries(spec)));
            y[0] += 6;
        });
        var ruleAlarms = Alarms.ruleAlarms(Alarms.alertRules(
                settings.reputation().isPresent(), spec.bucketName().isPresent()));
        if (!ruleAlarms.isEmpty()) {
            var first = ruleAlarms.get(0);
            widgets.add(metric(
                    0,
                    y[0],
                    16,
                    4,
                    spec.region(),
                    "Alerts EventBridge could not deliver to the alerts topic",
                    first.statistic(),
                    first.periodSeconds(),
                    ruleAlarms.stream()
                            .map(a -> line(
                                    a.namespace(),
                                    a.metric(),
                                    List.of(
                                            "RuleName",
                                            settings.namePrefix() + "-"
                                                    + a.dimensions().get("RuleName"))))
                            .toList(),
                    List.of(annotation("alarm above: alerts lost", first.threshold(), REVIEW_COLOUR)),
                    Map.of("left", Map.of("min", 0))));
        }
        // What the alerts topic could not deliver to people: its own alarm may not reach them, this graph does.
        var topic = Alarms.alertsTopicAlarm();
        var topicName = settings.namePrefix() + "-" + topic.dimensions().get("TopicName");
        var topicWidth = ruleAlarms.isEmpty() ? 24 : 8;
        widgets.add(metric(
                24 - topicWidth,
                y[0],
                topicWidth,
                4,
                spec.region(),
                "Alerts topic: notifications delivered and failed",
                topic.statistic(),
                topic.periodSeconds(),
                List.of(
                        line(topic.namespace(), "NumberOfNotificationsDelivered", List.of("TopicName", topicName)),
                        line(topic.namespace(), topic.metric(), List.of("TopicName", topicName))),
                List.of(annotation("alarm above: alerts not delivered", topic.threshold(), REVIEW_COLOUR)),
                Map.of("left", Map.of("min", 0))));
        y[0] += 4;
        settings.archiveStack()
                .ifPresent(archive -> widgets.add(text(
                        0,
                        y[0],
                        24,
                        2,
                        "The logs of this account are kept, and queried, in the central archive (stack `" + archive
                                + "`): its dashboard shows the bucket and the saved queries.")));
        var body = new LinkedHashMap<String, Object>();
        body.put("start", "-PT24H");
        body.put("periodOverride", "inherit");
        body.put("widgets", widgets);
        return body;
    }

    /** The alarm the dashboard draws next to its metric: one definition of metric, statistic and threshold. */
    private static AlarmSpec alarm(String suffix) {
        return Alarms.streamAlarms().stream()
                .filter(a -> a.suffix().equals(suffix))
                .findFirst()
                .orElseThrow();
    }

    /** A reputation rate with a horizontal line at each alarm's threshold on it: the warning and AWS's review level. */
    private static Map<String, Object> rateWidget(
            int x, int y, String region, String title, String metricName, Alarms.ReputationWarnings warnings) {
        var alarms = Alarms.reputationAlarms(warnings).stream()
                .filter(a -> a.metric().equals(metricName))
                .toList();
        var lines = alarms.stream()
                .map(a -> a.suffix().endsWith("-warning")
                        ? annotation("warning alarm", a.threshold(), WARNING_COLOUR)
                        : annotation("AWS review level", a.threshold(), REVIEW_COLOUR))
                .toList();
        return metric(
                x,
                y,
                6,
                6,
                region,
                title,
                alarms.get(0).statistic(),
                alarms.get(0).periodSeconds(),
                List.of(line(SES, metricName)),
                lines,
                Map.of("left", Map.of("min", 0, "showUnits", false)));
    }

    private static String header(Spec spec) {
        var settings = spec.settings();
        return "# ses-logs `" + settings.stackName() + "` (" + settings.topology() + ", " + spec.region() + ")\n"
                + "Managed by Pulumi: edits made here are overwritten by the next `pulumi up`. Alarms mail the alerts topic; "
                + "the lines drawn on the rate graphs are their thresholds.";
    }

    private static String queries(Spec spec) {
        var workgroup = spec.workgroupName().orElse("");
        var text = new StringBuilder("## Saved queries\nIn Athena, workgroup `" + workgroup
                + "` ([open the query editor](https://" + spec.region() + ".console.aws.amazon.com/athena/home?region="
                + spec.region() + "#/query-editor)), tab *Saved queries*:\n");
        spec.settings().savedQueryNames().forEach(name -> text.append("\n* ").append(name));
        return text.toString();
    }

    private static Map<String, Object> text(int x, int y, int width, int height, String markdown) {
        return widget("text", x, y, width, height, Map.of("markdown", markdown));
    }

    private static Map<String, Object> metric(
            int x,
            int y,
            int width,
            int height,
            String region,
            String title,
            String stat,
            int period,
            List<List<Object>> metrics,
            List<Map<String, Object>> horizontal,
            Map<String, Object> yAxis) {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("title", title);
        properties.put("view", "timeSeries");
        properties.put("region", region);
        properties.put("stat", stat);
        properties.put("period", period);
        properties.put("metrics", metrics);
        if (!horizontal.isEmpty()) {
            properties.put("annotations", Map.of("horizontal", horizontal));
        }
        if (!yAxis.isEmpty()) {
            properties.put("yAxis", yAxis);
        }
        return widget("metric", x, y, width, height, properties);
    }

    private static Map<String, Object> widget(
            String type, int x, int y, int width, int height, Map<String, Object> properties) {
        var widget = new LinkedHashMap<String, Object>();
        widget.put("type", type);
        widget.put("x", x);
        widget.put("y", y);
        widget.put("width", width);
        widget.put("height", height);
        widget.put("properties", properties);
        return widget;
    }

    /** One metric line in CloudWatch's array form: namespace, name, dimension name/value pairs, then options. */
    private static List<Object> line(String namespace, String name) {
        return line(namespace, name, List.of(), Map.of());
    }

    private static List<Object> line(String namespace, String name, List<String> dimensions) {
        return line(namespace, name, dimensions, Map.of());
    }

    private static List<Object> line(
            String namespace, String name, List<String> dimensions, Map<String, Object> options) {
        var line = new ArrayList<Object>(List.of(namespace, name));
        line.addAll(dimensions);
        if (!options.isEmpty()) {
            line.add(options);
        }
        return line;
    }

    private static Map<String, Object> annotation(String label, double value, String colour) {
        var annotation = new LinkedHashMap<String, Object>();
        annotation.put("label", label);
        annotation.put("value", value);
        annotation.put("color", colour);
        return annotation;
    }
}
