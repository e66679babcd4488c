package dev.seslogs.catalog;

import static dev.seslogs.catalog.StandaloneQueriesOnTrinoTest.BUSY_DAY;
import static dev.seslogs.catalog.StandaloneQueriesOnTrinoTest.FIRST_DAY;
import static dev.seslogs.catalog.StandaloneQueriesOnTrinoTest.LAST_DAY;
import static dev.seslogs.catalog.StandaloneQueriesOnTrinoTest.TODAY;
import static dev.seslogs.catalog.StandaloneQueriesOnTrinoTest.column;
import static dev.seslogs.catalog.StandaloneQueriesOnTrinoTest.decimals;
import static dev.seslogs.events.SesEventType.BOUNCE;
import static dev.seslogs.events.SesEventType.DELIVERY;
import static dev.seslogs.events.SesEventType.SEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seslogs.App;
import dev.seslogs.config.StackConfig;
import dev.seslogs.simulation.SimulatedAws;
import dev.seslogs.simulation.StackFiles;
import dev.seslogs.simulation.StackSimulation;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The central archive ({@code Pulumi.logarchive.yaml}) with two member accounts, each the
 * {@code Pulumi.prod.yaml} member stack in its own account, streaming into the archive's bucket:
 * the archive's table and saved queries on a real Trino.
 */
class ArchiveQueriesOnTrinoTest {
    private static final String ARCHIVE_ACCOUNT = "333333333333";
    private static final String PROD = "222222222222";
    /** A second member, so that the per-account query has accounts to tell apart. */
    private static final String OTHER_MEMBER = "444444444444";

    private static final String REGION = "ap-northeast-1";
    private static TrinoQueries queries;

    @BeforeAll
    static void deliverAndCatalog() {
        var archiveConfig = new LinkedHashMap<>(
                new StackFiles(Path.of("."), "logarchive").config().asMap());
        archiveConfig.put("ses-logs:memberAccounts", "[\"" + PROD + "\", \"" + OTHER_MEMBER + "\"]");
        var archive = StackSimulation.run(
                        "logarchive",
                        StackConfig.of(archiveConfig),
                        new SimulatedAws(ARCHIVE_ACCOUNT, REGION),
                        App::stack)
                .orThrow();

        var trino = TrinoServer.shared();
        member(archive, PROD)
                .deliver(
                        trino.storageRoot(),
                        StandaloneQueriesOnTrinoTest.week("").arrivals());
        var other = new SesTraffic();
        other.message("x1", FIRST_DAY, LocalTime.of(11, 0), "someone@example.com")
                .event(SEND)
                .event(BOUNCE);
        other.message("x2", FIRST_DAY, LocalTime.of(11, 30), "recipient@example.com")
                .event(SEND)
                .event(DELIVERY);
        member(archive, OTHER_MEMBER).deliver(trino.storageRoot(), other.arrivals());
        queries = new TrinoQueries(trino, archive);
    }

    /** The stream of a member stack deployed in {@code account}, reading the archive's outputs. */
    private static FirehoseDelivery member(StackSimulation.Result archive, String account) {
        var config = new LinkedHashMap<>(
                new StackFiles(Path.of("."), "prod").config().asMap());
        config.put("ses-logs:allowedAccountIds", "[\"" + account + "\"]");
        config.put("ses-logs:assumeRoleArn", "arn:aws:iam::" + account + ":role/ses-logs-deployer");
        var archiveStack = config.get("ses-logs:archiveStack");
        var aws = new SimulatedAws(account, REGION).withStack(archiveStack, archive.exports());
        var member = StackSimulation.run("prod", StackConfig.of(config), aws, App::stack)
                .orThrow();
        var delivery = FirehoseDelivery.of(member);
        assertEquals(
                archive.exports().get(App.ARCHIVE_BUCKET_NAME_OUTPUT),
                delivery.bucketName(),
                "the member streams into the archive's bucket");
        return delivery;
    }

    @Test
    void theArchiveSavesEveryQueryOfAStandaloneStackAndThePerAccountOne() {
        var expected = new TreeSet<>(StandaloneQueriesOnTrinoTest.PROVEN);
        expected.add("Daily counts per member account");
        assertEquals(expected, new TreeSet<>(queries.savedQueryNames()));
    }

    @Test
    void dailyCountsPerMemberAccountTellTheAccountsApart() throws SQLException {
        var rows = queries.rows(queries.saved("Daily counts per member account"));
        assertEquals(List.of(PROD, PROD, PROD, PROD, OTHER_MEMBER), column(rows, "account"));
        assertEquals(
                List.of(
                        TrinoQueries.day(FIRST_DAY),
                        TrinoQueries.day(BUSY_DAY),
                        TrinoQueries.day(LAST_DAY),
                        TrinoQueries.day(TODAY),
                        TrinoQueries.day(FIRST_DAY)),
                column(rows, "sent_day"));
        assertEquals(List.of(3L, 6L, 1L, 1L, 2L), column(rows, "messages_sent"));
        assertEquals(List.of(4L, 7L, 2L, 1L, 2L), column(rows, "recipients"));
        assertEquals(List.of(2L, 0L, 0L, 0L, 1L), column(rows, "hard_bounced"));
        assertEquals(List.of(1L, 1L, 2L, 0L, 0L), column(rows, "complained"));
        assertEquals(
                List.of("50.000", "0.000", "0.000", "0.000", "50.000"), decimals(column(rows, "bounce_rate_percent")));
        assertEquals(
                List.of("25.000", "14.286", "100.000", "0.000", "0.000"),
                decimals(column(rows, "complaint_rate_percent")));
    }

    @Test
    void theBounceReportCoversEveryMember() throws SQLException {
        var rows = queries.rows(queries.saved("Bounces of the last 7 days"));
        assertEquals(Set.of("m2", "x1"), Set.copyOf(column(rows, "messageid")));
    }

    @Test
    void addingAnAccountConditionNarrowsAnyQueryToOneMember() throws SQLException {
        var history = queries.saved("Event history of one recipient");
        var all = queries.rows(history, "recipient@example.com");
        var onlyOther = queries.rows(
                history.replace("WHERE ", "WHERE account = '" + OTHER_MEMBER + "' AND "), "recipient@example.com");
        assertEquals(List.of("x2", "x2"), column(onlyOther, "message_id"));
        assertEquals(
                14, all.size(), "prod's twelve events of recipient@example.com and the other member's two: " + all);
    }

    @Test
    void everyOtherSavedQueryRunsOverBothMembers() throws SQLException {
        for (var name : List.of(
                "Complaints of the last 7 days",
                "Delivery delays of the last 7 days",
                "Rejects and rendering failures of the last 7 days",
                "Daily sending counts and rates",
                "Deliveries since yesterday")) {
            assertTrue(!queries.rows(queries.saved(name)).isEmpty(), name);
        }
        var deliveries = queries.rows(queries.savedForDays("Delivery log of one day", FIRST_DAY, FIRST_DAY));
        assertEquals(Map.of(PROD, 2L, OTHER_MEMBER, 1L), countBy(deliveries, "account"));
        assertEquals(
                List.of(),
                queries.rows(queries.saved("Delivery log of one day")),
                "the article's example day is not projected");
    }

    @Test
    void aOneDayQueryOfOneMemberReadsOnlyItsObjects() throws SQLException {
        var oneDay = queries.savedForDays("Delivery log of one day", FIRST_DAY, FIRST_DAY)
                .replace("where ", "where account = '" + OTHER_MEMBER + "' and ");
        var scan = TrinoPlans.tableScanInput(queries.explainAnalyze(oneDay));
        System.out.println("Partition pruning, archive, one member's Delivery events of one day: the table scan read "
                + scan.rows() + " rows"
                + scan.bytes().map(bytes -> " (" + bytes + ")").orElse(""));
        assertEquals(1, scan.rows());
    }

    private static Map<Object, Long> countBy(List<Map<String, Object>> rows, String column) {
        var counts = new java.util.TreeMap<Object, Long>();
        rows.forEach(row -> counts.merge(row.get(column), 1L, Long::sum));
        return counts;
    }
}
