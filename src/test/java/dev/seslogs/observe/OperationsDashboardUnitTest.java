package dev.seslogs.observe;

import static dev.seslogs.ComponentTests.input;
import static dev.seslogs.ComponentTests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.core.Output;
import dev.seslogs.ComponentTests;
import dev.seslogs.config.LogStorageClass;
import dev.seslogs.notify.Alarms;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperationsDashboardUnitTest {
    private static final String DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
    private static final Alarms.ReputationWarnings WARNINGS =
            new Alarms.ReputationWarnings(new BigDecimal("0.03"), new BigDecimal("0.0007"));
    private static final List<String> QUERIES = List.of("Bounces for a period", "Daily sending counts and rates");

    private static ComponentTests.Built<OperationsDashboard> dashboard(
            String topology,
            Optional<Alarms.ReputationWarnings> reputation,
            LogStorageClass storageClass,
            Optional<String> archiveStack,
            Optional<String> stream,
            Optional<String> bucket,
            List<String> queries) {
        return ComponentTests.build(f -> new OperationsDashboard(
                "operations-dashboard",
                new OperationsDashboard.Args(
                        "unit", topology, "ses-logs", reputation, storageClass, archiveStack, queries),
                f.names(),
                f.target(),
                stream.map(Output::of),
                bucket.map(Output::of),
                bucket.map(b -> Output.of("the-workgroup")),
                f.options()));
    }

    private static ComponentTests.Built<OperationsDashboard> standalone() {
        return dashboard(
                "standalone",
                Optional.of(WARNINGS),
                LogStorageClass.STANDARD_IA,
                Optional.empty(),
                Optional.of("the-stream"),
                Optional.of("the-bucket"),
                QUERIES);
    }

    private static JsonNode body(ComponentTests.Built<OperationsDashboard> built) {
        return json(built.one(DASHBOARD), "dashboardBody");
    }

    private static List<String> titles(JsonNode body) {
        var titles = new ArrayList<String>();
        body.get("widgets")
                .forEach(widget -> titles.add(widget.at("/properties/title")
                        .asText(widget.at("/properties/markdown")
                                .asText()
                                .lines()
                                .findFirst()
                                .orElse(""))));
        return titles;
    }

    private static JsonNode widget(JsonNode body, String titleStart) {
        for (var widget : body.get("widgets")) {
            if (widget.at("/properties/title").asText().startsWith(titleStart)) {
                return widget;
            }
        }
        throw new AssertionError("no widget " + titleStart + " in " + titles(body));
    }

    private static String markdown(JsonNode body, String start) {
        for (var widget : body.get("widgets")) {
            if (widget.at("/properties/markdown").asText().startsWith(start)) {
                return widget.at("/properties/markdown").asText();
            }
        }
        throw new AssertionError("no text " + start + " in " + titles(body));
    }

    @Test
    void theDashboardIsNamedForTheRegionAndItsUrlOpensIt() {
        var built = standalone();
        assertEquals("ses-logs-eu-west-1", input(built.one(DASHBOARD), "dashboardName"));
        assertEquals(
                "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/ses-logs-eu-west-1",
                built.value(OperationsDashboard::url));
        assertTrue(body(built)
                .at("/widgets/0/properties/markdown")
                .asText()
                .startsWith("# ses-logs `unit` (standalone, eu-west-1)"));
    }

    @Test
    void aSendingStackDrawsItsWarningsAndAwsReviewLevelsOnTheRateGraphs() {
        var body = body(standalone());
        var bounce = widget(body, "Bounce rate");
        assertEquals(
                "Bounce rate (AWS reviews at 5%)",
                bounce.at("/properties/title").asText());
        assertEquals(
                0.03, bounce.at("/properties/annotations/horizontal/0/value").asDouble());
        assertEquals(
                0.05, bounce.at("/properties/annotations/horizontal/1/value").asDouble());
        var complaint = widget(body, "Complaint rate");
        assertEquals(
                "Complaint rate (AWS reviews at 0.1%)",
                complaint.at("/properties/title").asText());
        assertEquals(
                0.0007,
                complaint.at("/properties/annotations/horizontal/0/value").asDouble());
        assertEquals(
                "the-stream",
                widget(body, "Event stream: records in")
                        .at("/properties/metrics/0/3")
                        .asText());
    }

    @Test
    void theBucketWidgetsFollowTheStorageClassAndListTheSavedQueries() {
        var body = body(standalone());
        var sizes = widget(body, "Log bucket size");
        assertEquals(
                List.of("StandardStorage", "StandardIAStorage"),
                List.of(
                        sizes.at("/properties/metrics/0/5").asText(),
                        sizes.at("/properties/metrics/1/5").asText()));
        assertEquals("the-bucket", sizes.at("/properties/metrics/0/3").asText());
        var queries = markdown(body, "## Saved queries");
        assertTrue(queries.startsWith("## Saved queries\nIn Athena, workgroup `the-workgroup`"), queries);
        assertTrue(queries.endsWith("\n* Bounces for a period\n* Daily sending counts and rates"), queries);
    }

    @Test
    void anArchiveShowsItsBucketAndErrorObjectsButNoSending() {
        var body = body(dashboard(
                "archive",
                Optional.empty(),
                LogStorageClass.STANDARD,
                Optional.empty(),
                Optional.empty(),
                Optional.of("the-bucket"),
                QUERIES));
        assertEquals(
                List.of(
                        "# ses-logs `unit` (archive, eu-west-1)",
                        "Log bucket size by storage class (bytes, daily)",
                        "## Saved queries",
                        "Alerts EventBridge could not deliver to the alerts topic",
                        "Alerts topic: notifications delivered and failed"),
                titles(body));
        var lost = widget(body, "Alerts EventBridge");
        assertEquals(1, lost.at("/properties/metrics").size());
        assertEquals(
                "ses-logs-error-objects", lost.at("/properties/metrics/0/3").asText());
        assertEquals(
                1, widget(body, "Log bucket size").at("/properties/metrics").size(), "STANDARD: one storage class");
    }

    @Test
    void aMemberPointsToItsArchiveInsteadOfABucket() {
        var body = body(dashboard(
                "member",
                Optional.of(WARNINGS),
                LogStorageClass.STANDARD,
                Optional.of("org/ses-logs/archive"),
                Optional.of("the-stream"),
                Optional.empty(),
                List.of()));
        var titles = titles(body);
        assertEquals(10, titles.size(), titles.toString());
        assertTrue(titles.stream().noneMatch(title -> title.startsWith("Log bucket")), titles.toString());
        assertTrue(
                titles.get(9)
                        .startsWith(
                                "The logs of this account are kept, and queried, in the central archive (stack `org/ses-logs/archive`)"),
                titles.get(9));
        var lost = widget(body, "Alerts EventBridge");
        assertEquals(
                List.of("ses-logs-bounces-to-people", "ses-logs-complaints-to-people"),
                List.of(
                        lost.at("/properties/metrics/0/3").asText(),
                        lost.at("/properties/metrics/1/3").asText()));
    }
}
