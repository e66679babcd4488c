package dev.seslogs.catalog;

import dev.seslogs.App;
import dev.seslogs.simulation.StackFiles;
import dev.seslogs.simulation.SimulatedAws;
import dev.seslogs.simulation.StackSimulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static dev.seslogs.events.SesEventType.BOUNCE;
import static dev.seslogs.events.SesEventType.CLICK;
import static dev.seslogs.events.SesEventType.COMPLAINT;
import static dev.seslogs.events.SesEventType.DELIVERY;
import static dev.seslogs.events.SesEventType.DELIVERY_DELAY;
import static dev.seslogs.events.SesEventType.OPEN;
import static dev.seslogs.events.SesEventType.REJECT;
import static dev.seslogs.events.SesEventType.RENDERING_FAILURE;
import static dev.seslogs.events.SesEventType.SEND;
import static dev.seslogs.events.SesEventType.SUBSCRIPTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dev stack ({@code Pulumi.dev.yaml}: standalone, 35 days' retention) on a real Trino: its own
 * Glue table, its own stream's layout of a week of SES events, and every saved query it registers,
 * run as a user runs them and checked row by row.
 */
class StandaloneQueriesOnTrinoTest {
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    /** The period the tests query: a week well inside the projected days. */
    static final LocalDate FROM = TODAY.minusDays(9);
    static final LocalDate TO = TODAY.minusDays(3);
    static final LocalDate FIRST_DAY = TODAY.minusDays(8);
    static final LocalDate BUSY_DAY = TODAY.minusDays(5);
    static final LocalDate LAST_DAY = TODAY.minusDays(4);
    /** Before the period, still inside the dev stack's 35 projected days. */
    static final LocalDate BEFORE = TODAY.minusDays(12);
    /** Beyond the dev stack's retention: the bucket's lifecycle would have removed it, the projection never lists it. */
    static final LocalDate EXPIRED = TODAY.minusDays(40);

    private static TrinoQueries queries;
    private static List<String> deliveredKeys;

    /** A week of one account's sending, every event type included, plus events outside the week. */
    static SesTraffic week(String prefix) {
        var traffic = new SesTraffic();
        traffic.message(prefix + "m1", FIRST_DAY, LocalTime.of(10, 0), "recipient@example.com").event(SEND).event(DELIVERY);
        traffic.message(prefix + "m2", FIRST_DAY, LocalTime.of(10, 10), "bounce-a@example.com", "bounce-b@example.com")
                .event(SEND).event(BOUNCE);
        traffic.message(prefix + "m3", FIRST_DAY, LocalTime.of(10, 20), "recipient@example.com").event(SEND).event(DELIVERY).event(COMPLAINT);
        traffic.message(prefix + "m4", BUSY_DAY, LocalTime.of(9, 0), "recipient@example.com")
                .event(SEND).event(DELIVERY).event(OPEN).event(CLICK);
        traffic.message(prefix + "m5", BUSY_DAY, LocalTime.of(9, 30), "other@example.com").event(SEND).event(DELIVERY);
        traffic.message(prefix + "m6", BUSY_DAY, LocalTime.of(10, 0), "slow-a@example.net", "slow-b@example.net")
                .event(SEND).event(DELIVERY_DELAY);
        traffic.message(prefix + "m7", BUSY_DAY, LocalTime.of(11, 0), "virus@example.com").event(SEND).event(REJECT);
        traffic.message(prefix + "m8", BUSY_DAY, LocalTime.of(12, 0), "template@example.com").event(SEND).event(RENDERING_FAILURE);
        traffic.message(prefix + "m9", BUSY_DAY, LocalTime.of(13, 0), "recipient@example.com").event(SUBSCRIPTION);
        traffic.message(prefix + "m10", LAST_DAY, LocalTime.of(8, 0), "c1@example.org", "c2@example.org")
                .event(SEND).event(DELIVERY).event(COMPLAINT);
        traffic.message(prefix + "m11", BEFORE, LocalTime.of(10, 0), "recipient@example.com").event(SEND).event(BOUNCE);
        traffic.message(prefix + "m0", EXPIRED, LocalTime.of(10, 0), "recipient@example.com").event(SEND).event(DELIVERY);
        return traffic;
    }

    @BeforeAll
    static void deliverAndCatalog() {
        var stack = StackSimulation.run("dev", new StackFiles(Path.of("."), "dev").config(),
                new SimulatedAws("111111111111", "eu-west-1"), App::stack).orThrow();
        var trino = TrinoServer.shared();
        deliveredKeys = FirehoseDelivery.of(stack).deliver(trino.storageRoot(), week("").arrivals());
        queries = new TrinoQueries(trino, stack);
    }

    @Test
    void theServerIsTheReleaseTheDriverSpeaks() throws SQLException {
        var driver = new io.trino.jdbc.TrinoDriver();
        assertEquals(Integer.toString(driver.getMajorVersion()), TrinoServer.shared().version());
    }

    @Test
    void theStreamWroteWhereTheArticleSaysUnderEachDay() {
        assertTrue(deliveredKeys.contains(deliveredKeys.stream().filter(k -> k.startsWith("partitioned/RenderingFailure/" + TrinoQueries.day(BUSY_DAY) + "/")).findFirst().orElse("none")),
                "Rendering Failure is written without its space: " + deliveredKeys);
        var objectName = Pattern.compile("partitioned/[A-Za-z]+/\\d{4}/\\d{2}/\\d{2}/ses-logs-111111111111-eu-west-1-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f-]{36}\\.gz");
        deliveredKeys.forEach(key -> assertTrue(objectName.matcher(key).matches(), key));
    }

    @Test
    void everySavedQueryIsProvenHere() {
        assertEquals(new TreeSet<>(PROVEN), new TreeSet<>(queries.savedQueryNames()),
                "a saved query without a test on Trino (or a test of a query the stack no longer saves)");
    }

    static final Set<String> PROVEN = Set.of("Delivery log of one day", "Bounces for a period", "Complaints for a period",
            "Delivery delays for a period", "Rejects and rendering failures", "Event history of one recipient",
            "Daily sending counts and rates");

    @Test
    void theArticlesQueriesRunByteForByte() throws SQLException {
        // Their example days are in 2024: outside the 35 projected days, so Athena lists no
        // partition and returns no row, and neither does Trino.
        assertEquals(List.of(), queries.rows(queries.saved("Delivery log of one day")));
        assertEquals(List.of(), queries.rows(queries.saved("Bounces for a period")));
        assertTrue(queries.saved("Delivery log of one day").contains("SELECT * FROM seslogs\nwhere event_type = 'Delivery'\nand day = '2024/07/08';"));
    }

    @Test
    void theDeliveryLogOfOneDayListsThatDaysDeliveries() throws SQLException {
        var rows = queries.rows(queries.savedForDays("Delivery log of one day", BUSY_DAY, BUSY_DAY));
        assertEquals(List.of("m4", "m5"), rows.stream().map(row -> messageId(row.get("mail"))).sorted().toList());
        for (var row : rows) {
            assertEquals("Delivery", row.get("eventtype"));
            assertEquals("Delivery", row.get("event_type"));
            assertEquals(TrinoQueries.day(BUSY_DAY), row.get("day"));
        }
    }

    @Test
    void daysBeyondTheRetentionAreNotProjected() throws SQLException {
        assertTrue(deliveredKeys.stream().anyMatch(key -> key.contains("/" + TrinoQueries.day(EXPIRED) + "/")), "the object is there");
        assertEquals(List.of(), queries.rows(queries.savedForDays("Delivery log of one day", EXPIRED, EXPIRED)));
    }

    @Test
    void theBounceReportHasOneRowPerBounceWithTheSendingIps() throws SQLException {
        var rows = queries.rows(queries.savedForDays("Bounces for a period", FROM, TO));
        assertEquals(1, rows.size(), "m11 bounced before the period: " + rows);
        var bounce = rows.get(0);
        assertEquals("m2", bounce.get("messageid"));
        assertEquals("Permanent", bounce.get("bouncebounceType"));
        assertEquals("General", bounce.get("bouncebouncesubtype"));
        assertEquals(List.of("bounce-a@example.com", "bounce-b@example.com"), bounce.get("to"));
        assertEquals(List.of("192.0.2.0"), bounce.get("ses_source_ip"), "mail.tags.ses_source_ip reads ses:source-ip");
        assertEquals(List.of("198.51.100.10"), bounce.get("ses_outgoing_ip"));
        assertEquals(FIRST_DAY + "T10:10:00.000Z", bounce.get("timestamp"));
    }

    @Test
    void complaintsListEveryComplainingRecipient() throws SQLException {
        var rows = queries.rows(queries.savedForDays("Complaints for a period", FROM, TO));
        assertEquals(List.of("recipient@example.com", "c1@example.org", "c2@example.org"), column(rows, "recipient"));
        assertEquals(List.of("m3", "m10", "m10"), column(rows, "message_id"));
        assertEquals(List.of("abuse", "abuse", "abuse"), column(rows, "feedback_type"));
        assertEquals(List.of("ConfigSet"), rows.get(0).get("configuration_set"));
    }

    @Test
    void deliveryDelaysListEveryDelayedRecipientWithTheServersAnswer() throws SQLException {
        var rows = queries.rows(queries.savedForDays("Delivery delays for a period", FROM, TO));
        assertEquals(List.of("slow-a@example.net", "slow-b@example.net"), column(rows, "recipient").stream().sorted().toList());
        for (var row : rows) {
            assertEquals("m6", row.get("message_id"));
            assertEquals("TransientCommunicationFailure", row.get("delay_type"));
            assertEquals("4.4.1", row.get("status"));
            assertEquals("smtp; 421 4.4.0 Unable to Lookup DNS for example.com", row.get("diagnostic"));
        }
    }

    @Test
    void rejectsAndRenderingFailuresAreTheMessagesNeverSent() throws SQLException {
        var rows = queries.rows(queries.savedForDays("Rejects and rendering failures", FROM, TO));
        assertEquals(List.of("m7", "m8"), column(rows, "message_id"));
        assertEquals(List.of("Reject", "Rendering Failure"), column(rows, "event_type"));
        assertEquals("Bad content", rows.get(0).get("reject_reason"));
        assertEquals("MyTemplate", rows.get(1).get("template_name"));
    }

    @Test
    void theHistoryOfOneRecipientIsEveryEventOfTheirMessagesInThePeriod() throws SQLException {
        var rows = queries.rows(queries.savedForDays("Event history of one recipient", FROM, TO));
        // Oldest message first; m11 (before the period) and m0 (expired) are not there.
        assertEquals(List.of("m1", "m1", "m3", "m3", "m3", "m4", "m4", "m4", "m4", "m9"), column(rows, "message_id"));
        assertEquals(Map.of("m1", Set.of("Send", "Delivery"), "m3", Set.of("Send", "Delivery", "Complaint"),
                        "m4", Set.of("Send", "Delivery", "Open", "Click"), "m9", Set.of("Subscription")),
                eventTypesByMessage(rows));
        assertTrue(rows.stream().anyMatch(row -> "http://docs.aws.amazon.com/ses/latest/DeveloperGuide/send-email-smtp.html".equals(row.get("clicked_link"))));
    }

    @Test
    void dailyCountsGiveTheRatesAwsWatches() throws SQLException {
        var rows = queries.rows(queries.savedForDays("Daily sending counts and rates", FROM, TO));
        assertEquals(List.of(TrinoQueries.day(FIRST_DAY), TrinoQueries.day(BUSY_DAY), TrinoQueries.day(LAST_DAY)), column(rows, "day"));
        assertEquals(List.of(3L, 5L, 1L), column(rows, "sent"));
        assertEquals(List.of(2L, 2L, 1L), column(rows, "delivered"));
        assertEquals(List.of(1L, 0L, 0L), column(rows, "bounced"));
        assertEquals(List.of(1L, 0L, 1L), column(rows, "complained"));
        assertEquals(List.of("33.333", "0.000", "0.000"), decimals(column(rows, "bounce_rate_percent")));
        assertEquals(List.of("33.333", "0.000", "100.000"), decimals(column(rows, "complaint_rate_percent")));
    }

    @Test
    void aBrokenQueryFailsWithTrinosOwnError() {
        // What the saved complaint query said before Athena engine 3 / Trino semantics were checked.
        var broken = queries.savedForDays("Complaints for a period", FROM, TO)
                .replace("complained.email_address AS recipient", "recipient.emailAddress AS recipient")
                .replace("AS complained (email_address)", "AS t (recipient)");
        var error = assertThrows(SQLException.class, () -> queries.rows(broken));
        assertTrue(error.getMessage().contains("Expression recipient is not of type ROW"), error.getMessage());
    }

    @Test
    void aOneDayQueryReadsOnlyThatDaysObjectsOfThatType() throws SQLException {
        var plan = queries.explainAnalyze(queries.savedForDays("Delivery log of one day", BUSY_DAY, BUSY_DAY));
        var scan = TrinoPlans.tableScanInput(plan);
        System.out.println("Partition pruning, dev stack, one day of Delivery: the table scan read " + scan.rows() + " rows"
                + scan.bytes().map(bytes -> " (" + bytes + ")").orElse("") + " of " + week("").arrivals().size() + " events delivered");
        assertEquals(2, scan.rows(), "only the two Delivery events of that day are read:\n" + plan);
    }

    static List<Object> column(List<Map<String, Object>> rows, String name) {
        return rows.stream().map(row -> row.get(name)).toList();
    }

    static List<String> decimals(List<Object> values) {
        return values.stream().map(value -> new java.math.BigDecimal(value.toString()).setScale(3).toPlainString()).toList();
    }

    static Map<String, Set<String>> eventTypesByMessage(List<Map<String, Object>> rows) {
        var byMessage = new java.util.TreeMap<String, Set<String>>();
        rows.forEach(row -> byMessage.computeIfAbsent((String) row.get("message_id"), id -> new TreeSet<>()).add((String) row.get("event_type")));
        return byMessage;
    }

    /** The {@code messageId} field of the {@code mail} ROW the driver returns. */
    static String messageId(Object mail) {
        var row = (io.trino.jdbc.Row) mail;
        return row.getFields().stream().filter(field -> field.getName().filter("messageid"::equalsIgnoreCase).isPresent())
                .map(field -> (String) field.getValue()).findFirst().orElseThrow();
    }
}
