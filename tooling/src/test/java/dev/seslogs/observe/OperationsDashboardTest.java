package dev.seslogs.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seslogs.Stacks;
import dev.seslogs.config.Settings;
import dev.seslogs.notify.Alarms;
import dev.seslogs.simulation.StackSimulation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's metrics checked against CloudWatch's own metric metadata
 * (src/test/resources/cloudwatch/metrics.json) and against the alarms: what the operator sees is
 * what the alarms watch, with the same thresholds.
 */
class OperationsDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Our budget for the body; CloudWatch documents the widget and metric counts, checked by the simulation. */
    private static final int BODY_BUDGET_CHARS = 100_000;

    private static JsonNode catalog;
    private static JsonNode publishing;
    private static StackSimulation.Result standalone;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = OperationsDashboardTest.class.getResourceAsStream("/cloudwatch/metrics.json")) {
            var metadata = JSON.readTree(in);
            catalog = metadata.get("metrics");
            publishing = metadata.at("/publishing/metrics");
        }
        standalone = Stacks.typical();
    }

    private static JsonNode body(StackSimulation.Result stack) throws IOException {
        return JSON.readTree(
                (String) stack.one("aws:cloudwatch/dashboard:Dashboard").input("dashboardBody"));
    }

    /** A metric line: namespace, name, the dimension names (sorted), and its options. */
    record Line(
            String namespace,
            String metric,
            Set<String> dimensions,
            Map<String, String> dimensionValues,
            JsonNode options,
            JsonNode widget) {}

    private static List<Line> lines(JsonNode body) {
        var lines = new ArrayList<Line>();
        for (var widget : body.get("widgets")) {
            for (var metric : widget.at("/properties/metrics")) {
                var names = new TreeSet<String>();
                var values = new java.util.TreeMap<String, String>();
                JsonNode options = JSON.createObjectNode();
                for (var i = 2; i < metric.size(); i += 2) {
                    if (metric.get(i).isObject()) {
                        options = metric.get(i);
                        break;
                    }
                    names.add(metric.get(i).asText());
                    values.put(metric.get(i).asText(), metric.get(i + 1).asText());
                }
                if (metric.size() > 2 && metric.get(metric.size() - 1).isObject()) {
                    options = metric.get(metric.size() - 1);
                }
                lines.add(new Line(metric.get(0).asText(), metric.get(1).asText(), names, values, options, widget));
            }
        }
        return lines;
    }

    private static Set<Set<String>> knownDimensionSets(String namespace, String metric) {
        var sets = new HashSet<Set<String>>();
        var entry = catalog.path(namespace).path(metric);
        assertTrue(entry.isArray(), namespace + " " + metric + " is not a metric CloudWatch knows");
        entry.forEach(set -> {
            var names = new TreeSet<String>();
            set.forEach(name -> names.add(name.asText()));
            sets.add(names);
        });
        return sets;
    }

    @Test
    void everyMetricIsARealMetricWithADimensionSetCloudWatchPublishes() throws IOException {
        for (var stack : List.of(
                standalone,
                Stacks.run(Stacks.with(
                                Stacks.with(Stacks.typicalConfig(), "logStorageClass", "GLACIER_IR"),
                                "logStorageClassAfterDays",
                                "60"))
                        .orThrow())) {
            var lines = lines(body(stack));
            assertTrue(lines.size() >= 12, lines.toString());
            for (var line : lines) {
                assertTrue(
                        knownDimensionSets(line.namespace(), line.metric()).contains(line.dimensions()),
                        line.namespace() + " " + line.metric() + " with dimensions " + line.dimensions()
                                + " is not published by CloudWatch");
            }
        }
    }

    @Test
    void theDashboardShowsEveryAlarmsMetricWithItsDimensionsStatisticAndThreshold() throws IOException {
        var lines = lines(body(standalone));
        var stream = (String) standalone.exports().get("eventStreamName");
        var alarms = standalone.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
        assertEquals(11, alarms.size());
        for (var alarm : alarms) {
            @SuppressWarnings("unchecked")
            var dimensions = (Map<String, String>) alarm.input("dimensions");
            var shown = lines.stream()
                    .filter(l -> l.namespace().equals(alarm.input("namespace"))
                            && l.metric().equals(alarm.input("metricName"))
                            && l.dimensionValues().equals(dimensions == null ? Map.of() : dimensions))
                    .toList();
            assertEquals(1, shown.size(), alarm.name() + " is not on the dashboard with its dimensions " + dimensions);
            var line = shown.get(0);
            var statistic = line.options().has("stat")
                    ? line.options().get("stat").asText()
                    : line.widget().at("/properties/stat").asText();
            assertEquals(alarm.input("statistic"), statistic, alarm.name());
            assertEquals(
                    ((Number) alarm.input("period")).intValue(),
                    line.widget().at("/properties/period").asInt(),
                    alarm.name());
            var threshold = ((Number) alarm.input("threshold")).doubleValue();
            if (!alarm.name().equals("log-records-throttled")) {
                var drawn = new ArrayList<Double>();
                line.widget()
                        .at("/properties/annotations/horizontal")
                        .forEach(a -> drawn.add(a.get("value").asDouble()));
                assertTrue(
                        drawn.contains(threshold),
                        alarm.name() + ": threshold " + threshold + " not drawn, only " + drawn);
            }
        }
        assertTrue(lines.stream()
                .anyMatch(l -> l.metric().equals("IncomingRecords")
                        && stream.equals(l.dimensionValues().get("DeliveryStreamName"))));
    }

    /** How CloudWatch publishes a metric: the statistics that mean something for it and its period (metrics.json, "publishing"). */
    private static JsonNode published(String namespace, String metric) {
        for (var group : publishing.path(namespace)) {
            for (var name : group.get("metrics")) {
                if (name.asText().equals(metric)) {
                    return group;
                }
            }
        }
        throw new AssertionError(namespace + " " + metric + ": metrics.json does not say how it is published");
    }

    private static void assertPublishedAs(String what, String namespace, String metric, String statistic, int period) {
        var published = published(namespace, metric);
        var statistics = new ArrayList<String>();
        published.get("statistics").forEach(stat -> statistics.add(stat.asText()));
        assertTrue(
                statistics.contains(statistic),
                what + ": " + metric + " drawn or evaluated as " + statistic + ", which means nothing for it; "
                        + "meaningful: " + statistics + " ("
                        + published.get("source").asText() + ")");
        var every = published.get("periodSeconds").asInt();
        assertTrue(
                period >= every && period % every == 0,
                what + ": " + metric + " at a period of " + period + " s, but it is published every " + every + " s ("
                        + published.get("source").asText() + ")");
    }

    @Test
    void everyGraphDrawsEachMetricWithAStatisticAndPeriodItIsPublishedFor() throws IOException {
        for (var stack : List.of(
                standalone,
                Stacks.run(Stacks.with(
                                Stacks.with(
                                        Stacks.with(Stacks.minimalConfig(), "topology", "archive"),
                                        "memberAccounts",
                                        "[\"222222222222\"]"),
                                "logStorageClass",
                                "STANDARD_IA"))
                        .orThrow())) {
            for (var line : lines(body(stack))) {
                var statistic = line.options().has("stat")
                        ? line.options().get("stat").asText()
                        : line.widget().at("/properties/stat").asText();
                assertPublishedAs(
                        line.widget().at("/properties/title").asText(),
                        line.namespace(),
                        line.metric(),
                        statistic,
                        line.widget().at("/properties/period").asInt());
            }
        }
    }

    @Test
    void everyAlarmEvaluatesItsMetricWithAStatisticAndPeriodItIsPublishedFor() {
        for (var alarm : standalone.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")) {
            assertPublishedAs(
                    alarm.name(),
                    (String) alarm.input("namespace"),
                    (String) alarm.input("metricName"),
                    (String) alarm.input("statistic"),
                    ((Number) alarm.input("period")).intValue());
        }
    }

    @Test
    void theRateGraphsDrawTheConfiguredWarningAndAwsReviewLevel() throws IOException {
        var stricter = Stacks.run(Stacks.with(Stacks.typicalConfig(), "bounceRateWarning", "1.5%"))
                .orThrow();
        var bounce = lines(body(stricter)).stream()
                .filter(l -> l.metric().equals("Reputation.BounceRate"))
                .findFirst()
                .orElseThrow();
        var levels = new ArrayList<String>();
        bounce.widget()
                .at("/properties/annotations/horizontal")
                .forEach(a -> levels.add(
                        a.get("label").asText() + "=" + a.get("value").asDouble()));
        assertEquals(List.of("warning alarm=0.015", "AWS review level=0.05"), levels);
    }

    @Test
    void itNamesTheSavedQueriesAndExportsItsConsoleUrl() throws IOException {
        var body = body(standalone);
        var texts = new ArrayList<String>();
        body.get("widgets").forEach(w -> texts.add(w.at("/properties/markdown").asText()));
        var all = String.join("\n", texts);
        for (var query : standalone.ofType("aws:athena/namedQuery:NamedQuery")) {
            assertTrue(all.contains("* " + query.input("name")), "saved query " + query.input("name") + " not listed");
        }
        assertTrue(all.contains("workgroup `ses-logs-ap-northeast-1`"), all);
        var dashboard = standalone.one("aws:cloudwatch/dashboard:Dashboard");
        assertEquals(
                "ses-logs-ap-northeast-1",
                dashboard.input("dashboardName"),
                "dashboards are global to the account: the region is in the name");
        assertEquals(
                "https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-1#dashboards/dashboard/ses-logs-ap-northeast-1",
                standalone.exports().get("dashboardUrl"));
        assertEquals(
                OperationsDashboard.TYPE,
                standalone.resources().stream()
                        .filter(r -> r.urn().equals(dashboard.parentUrn()))
                        .findFirst()
                        .orElseThrow()
                        .type());
    }

    @Test
    void anArchiveShowsItsBucketAndQueriesAndAMemberItsSending() throws IOException {
        var archiveConfig = Stacks.with(
                Stacks.with(Stacks.minimalConfig(), "topology", "archive"), "memberAccounts", "[\"222222222222\"]");
        var archive = lines(body(Stacks.run(Stacks.with(
                        Stacks.with(archiveConfig, "logStorageClass", "STANDARD_IA"), "logStorageClassAfterDays", "60"))
                .orThrow()));
        assertTrue(
                archive.stream()
                        .noneMatch(l -> l.namespace().equals(DashboardBody.SES)
                                || l.namespace().equals(DashboardBody.FIREHOSE)),
                archive.toString());
        assertEquals(
                List.of("StandardStorage", "StandardIAStorage"),
                archive.stream()
                        .filter(l -> l.metric().equals("BucketSizeBytes"))
                        .map(l -> l.dimensionValues().get("StorageType"))
                        .toList());

        var memberConfig = Stacks.with(
                Stacks.with(Stacks.typicalConfig(), "topology", "member"), "archiveStack", "acme/ses-logs/logarchive");
        var aws = new dev.seslogs.simulation.SimulatedAws();
        aws.withStack(
                "acme/ses-logs/logarchive",
                Map.of(
                        "logBucketArn",
                        "arn:aws:s3:::ses-logs-333333333333-ap-northeast-1",
                        "logBucketName",
                        "ses-logs-333333333333-ap-northeast-1",
                        "region",
                        "ap-northeast-1",
                        "logKeyArn",
                        ""));
        var member = Stacks.run(memberConfig, aws).orThrow();
        var memberLines = lines(body(member));
        assertTrue(memberLines.stream().anyMatch(l -> l.metric().equals("Reputation.ComplaintRate")));
        assertTrue(memberLines.stream().noneMatch(l -> l.namespace().equals(DashboardBody.S3)));
        assertTrue(body(member).toString().contains("acme/ses-logs/logarchive"), "says where the logs are queried");
    }

    @Test
    void theBodyIsWithinBudgetAndTheGridAndEveryWidgetHasATitleOrText() throws IOException {
        var text = (String) standalone.one("aws:cloudwatch/dashboard:Dashboard").input("dashboardBody");
        assertTrue(text.length() < BODY_BUDGET_CHARS, text.length() + " characters");
        for (var widget : body(standalone).get("widgets")) {
            assertTrue(widget.get("x").asInt() + widget.get("width").asInt() <= 24, widget.toString());
            assertFalse(
                    widget.at("/properties/title")
                            .asText(widget.at("/properties/markdown").asText())
                            .isBlank(),
                    widget.toString());
        }
        assertEquals(
                Alarms.REPUTATION_PERIOD_SECONDS,
                lines(body(standalone)).stream()
                        .filter(l -> l.metric().equals("Reputation.BounceRate"))
                        .findFirst()
                        .orElseThrow()
                        .widget()
                        .at("/properties/period")
                        .asInt());
        assertEquals(Settings.BOUNCE_RATE_REVIEW.doubleValue(), 0.05);
    }

    @Test
    void theReadmePictureShowsTheDevStacksDashboardAsTheProgramBuildsItToday() throws IOException {
        var devStack = dev.seslogs.simulation.StackSimulation.run(
                        "dev",
                        new dev.seslogs.simulation.StackFiles(java.nio.file.Path.of("."), "dev").config(),
                        new dev.seslogs.simulation.SimulatedAws("111111111111", "eu-west-1"),
                        dev.seslogs.App::stack)
                .orThrow();
        var titles = new ArrayList<String>();
        for (var widget : body(devStack).get("widgets")) {
            titles.add(
                    widget.get("type").asText().equals("text")
                            ? widget.at("/properties/markdown")
                                    .asText()
                                    .lines()
                                    .findFirst()
                                    .orElse("")
                            : widget.at("/properties/title").asText());
        }
        assertEquals(
                titles,
                java.nio.file.Files.readAllLines(java.nio.file.Path.of("docs/dashboard.widgets.txt")),
                "docs/dashboard.png is stale: bash scripts/dashboard-picture");
    }
}
