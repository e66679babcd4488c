package dev.seslogs.catalog;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seslogs.App;
import dev.seslogs.simulation.SimulatedAws;
import dev.seslogs.simulation.StackFiles;
import dev.seslogs.simulation.StackSimulation;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dev stack ({@code Pulumi.dev.yaml}: standalone, 35 days' retention) on a real Trino: its own
 * Glue table, its own stream's layout of a week of SES events, and every saved query it registers,
 * run as a user runs them and checked row by row.
 */
class StandaloneQueriesOnTrinoTest {
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    /** The saved queries' period: today and the 6 days before, computed by the queries from current_date. */
    static final LocalDate FIRST_DAY = TODAY.minusDays(6);

    static final LocalDate BUSY_DAY = TODAY.minusDays(3);
    /** Nothing is sent: only a delivery and a complaint of a message sent the evening before arrive. */
    static final LocalDate QUIET_DAY = TODAY.minusDays(2);

    static final LocalDate LAST_DAY = TODAY.minusDays(1);
    /** Before the 7 days, inside the 30 days of the recipient history and the dev stack's 35 projected days. */
    static final LocalDate BEFORE = TODAY.minusDays(10);
    /** Beyond the dev stack's retention: the bucket's lifecycle would have removed it, the projection never lists it. */
    static final LocalDate EXPIRED = TODAY.minusDays(40);

    private static TrinoQueries queries;
    private static List<String> deliveredKeys;

    /** A week of one account's sending up to today, every event type included, plus events before the week. */
    static SesTraffic week(String prefix) {
        var traffic = new SesTraffic();
        traffic.message(prefix + "m1", FIRST_DAY, LocalTime.of(10, 0), "recipient@example.com")
                .event(SEND)
                .event(DELIVERY);
        traffic.message(prefix + "m2", FIRST_DAY, LocalTime.of(10, 10), "bounce-a@example.com", "bounce-b@example.com")
                .event(SEND)
                .event(BOUNCE);
        traffic.message(prefix + "m3", FIRST_DAY, LocalTime.of(10, 20), "recipient@example.com")
                .event(SEND)
                .event(DELIVERY)
                .event(COMPLAINT);
        traffic.message(prefix + "m4", BUSY_DAY, LocalTime.of(9, 0), "recipient@example.com")
                .event(SEND)
                .event(DELIVERY)
                .event(OPEN)
                .event(CLICK);
        traffic.message(prefix + "m5", BUSY_DAY, LocalTime.of(9, 30), "other@example.com")
                .event(SEND)
                .event(DELIVERY);
        traffic.message(prefix + "m6", BUSY_DAY, LocalTime.of(10, 0), "slow-a@example.net", "slow-b@example.net")
                .event(SEND)
                .event(DELIVERY_DELAY);
        traffic.message(prefix + "m7", BUSY_DAY, LocalTime.of(11, 0), "virus@example.com")
                .event(SEND)
                .event(REJECT);
        traffic.message(prefix + "m8", BUSY_DAY, LocalTime.of(12, 0), "template@example.com")
                .event(SEND)
                .event(RENDERING_FAILURE);
        traffic.message(prefix + "m9", BUSY_DAY, LocalTime.of(13, 0), "recipient@example.com")
                .event(SUBSCRIPTION);
        // Sent late on BUSY_DAY; delivered and complained about on QUIET_DAY, when nothing is sent.
        traffic.message(prefix + "m12", BUSY_DAY, LocalTime.of(22, 0), "late@example.com")
                .event(SEND)
                .eventAfter(Duration.ofHours(4), DELIVERY)
                .eventAfter(Duration.ofHours(20), COMPLAINT);
        traffic.message(prefix + "m10", LAST_DAY, LocalTime.of(8, 0), "c1@example.org", "c2@example.org")
                .event(SEND)
                .event(DELIVERY)
                .event(COMPLAINT);
        traffic.message(prefix + "m13", TODAY, LocalTime.of(0, 0, 5), "today@example.com")
                .event(SEND)
                .event(DELIVERY);
        traffic.message(prefix + "m11", BEFORE, LocalTime.of(10, 0), "recipient@example.com")
                .event(SEND)
                .event(BOUNCE);
        traffic.message(prefix + "m0", EXPIRED, LocalTime.of(10, 0), "recipient@example.com")
                .event(SEND)
                .event(DELIVERY);
        return traffic;
    }

    @BeforeAll
    static void deliverAndCatalog() {
        var stack = StackSimulation.run(
                        "dev",
                        new StackFiles(Path.of("."), "dev").config(),
                        new SimulatedAws("111111111111", "eu-west-1"),
                        App::stack)
                .orThrow();
        var trino = TrinoServer.shared();
        deliveredKeys = FirehoseDelivery.of(stack).deliver(trino.storageRoot(), week("").arrivals());
        queries = new TrinoQueries(trino, stack);
    }

    @Test
    void theServerIsTheReleaseTheDriverSpeaks() throws SQLException {
        var driver = new io.trino.jdbc.TrinoDriver();
        assertEquals(
                Integer.toString(driver.getMajorVersion()), TrinoServer.shared().version());
    }

    @Test
    void theStreamWroteWhereTheArticleSaysUnderEachDay() {
        assertTrue(
                deliveredKeys.contains(deliveredKeys.stream()
                        .filter(k -> k.startsWith("partitioned/RenderingFailure/" + TrinoQueries.day(BUSY_DAY) + "/"))
                        .findFirst()
                        .orElse("none")),
                "Rendering Failure is written without its space: " + deliveredKeys);
        var objectName = Pattern.compile(
                "partitioned/[A-Za-z]+/\\d{4}/\\d{2}/\\d{2}/ses-logs-111111111111-eu-west-1-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f-]{36}\\.gz");
        deliveredKeys.forEach(key -> assertTrue(objectName.matcher(key).matches(), key));
    }

    @Test
    void everySavedQueryIsProvenHere() {
        assertEquals(
                new TreeSet<>(PROVEN),
                new TreeSet<>(queries.savedQueryNames()),
                "a saved query without a test on Trino (or a test of a query the stack no longer saves)");
    }

    static final Set<String> PROVEN = Set.of(
            "Delivery log of one day",
            "Bounces for a period",
            "Deliveries since yesterday",
            "Bounces of the last 7 days",
            "Complaints of the last 7 days",
            "Delivery delays of the last 7 days",
            "Rejects and rendering failures of the last 7 days",
            "Event history of one recipient",
            "Daily sending counts and rates");

    /** The saved queries that hold no day of their own: they answer for the days up to today, as saved. */
    static final Set<String> RECENT = Set.of(
            "Deliveries since yesterday",
            "Bounces of the last 7 days",
            "Complaints of the last 7 days",
            "Delivery delays of the last 7 days",
            "Rejects and rendering failures of the last 7 days",
            "Event history of one recipient",
            "Daily sending counts and rates",
            "Daily counts per member account");

    @Test
    void theArticlesQueriesRunByteForByte() throws SQLException {
        // Their example days are in 2024: outside the 35 projected days, so Athena lists no
        // partition and returns no row, and neither does Trino.
        assertEquals(List.of(), queries.rows(queries.saved("Delivery log of one day")));
        assertEquals(List.of(), queries.rows(queries.saved("Bounces for a period")));
        assertTrue(queries.saved("Delivery log of one day")
                .contains("SELECT * FROM seslogs\nwhere event_type = 'Delivery'\nand day = '2024/07/08';"));
        assertTrue(queries.saved("Bounces for a period")
                .contains("where event_type = 'Bounce'\nand day between '2024/11/01' and '2024/11/30';"));
    }

    @Test
    void noOtherSavedQueryHoldsADay() {
        var dayLiteral = Pattern.compile("'\\d{4}/\\d{2}/\\d{2}'");
        for (var name : queries.savedQueryNames()) {
            if (!Set.of("Delivery log of one day", "Bounces for a period").contains(name)) {
                assertTrue(RECENT.contains(name), name);
                assertFalse(dayLiteral.matcher(queries.saved(name)).find(), name + " holds a fixed day");
                assertTrue(queries.saved(name).contains("current_date"), name);
            }
        }
    }

    @Test
    void theArticlesDeliveryLogWithItsDayChangedListsThatDaysDeliveries() throws SQLException {
        var rows = queries.rows(queries.savedForDays("Delivery log of one day", BUSY_DAY, BUSY_DAY));
        assertEquals(
                List.of("m4", "m5"),
                rows.stream().map(row -> messageId(row.get("mail"))).sorted().toList());
        for (var row : rows) {
            assertEquals("Delivery", row.get("eventtype"));
            assertEquals("Delivery", row.get("event_type"));
            assertEquals(TrinoQueries.day(BUSY_DAY), row.get("day"));
        }
        var bounces = queries.rows(queries.savedForDays("Bounces for a period", TODAY.minusDays(7), TODAY));
        assertEquals(List.of("m2"), column(bounces, "messageid"), "m11 bounced 10 days ago");
    }

    @Test
    void deliveriesSinceYesterdayAreYesterdaysAndTodays() throws SQLException {
        var rows = queries.rows(queries.saved("Deliveries since yesterday"));
        assertEquals(
                List.of("m10", "m13"),
                rows.stream().map(row -> messageId(row.get("mail"))).sorted().toList());
        assertEquals(Set.of(TrinoQueries.day(LAST_DAY), TrinoQueries.day(TODAY)), Set.copyOf(column(rows, "day")));
    }

    @Test
    void daysBeyondTheRetentionAreNotProjected() throws SQLException {
        assertTrue(
                deliveredKeys.stream().anyMatch(key -> key.contains("/" + TrinoQueries.day(EXPIRED) + "/")),
                "the object is there");
        assertEquals(List.of(), queries.rows(queries.savedForDays("Delivery log of one day", EXPIRED, EXPIRED)));
    }

    @Test
    void theBounceReportOfTheLast7DaysHasOneRowPerBounceWithTheSendingIps() throws SQLException {
        var rows = queries.rows(queries.saved("Bounces of the last 7 days"));
        assertEquals(1, rows.size(), "m11 bounced before the 7 days: " + rows);
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
        var rows = queries.rows(queries.saved("Complaints of the last 7 days"));
        assertEquals(
                List.of("recipient@example.com", "late@example.com", "c1@example.org", "c2@example.org"),
                column(rows, "recipient"));
        assertEquals(List.of("m3", "m12", "m10", "m10"), column(rows, "message_id"));
        assertEquals(List.of("abuse", "abuse", "abuse", "abuse"), column(rows, "feedback_type"));
        assertEquals(List.of("ConfigSet"), rows.get(0).get("configuration_set"));
    }

    @Test
    void deliveryDelaysListEveryDelayedRecipientWithTheServersAnswer() throws SQLException {
        var rows = queries.rows(queries.saved("Delivery delays of the last 7 days"));
        assertEquals(
                List.of("slow-a@example.net", "slow-b@example.net"),
                column(rows, "recipient").stream().sorted().toList());
        for (var row : rows) {
            assertEquals("m6", row.get("message_id"));
            assertEquals("TransientCommunicationFailure", row.get("delay_type"));
            assertEquals("4.4.1", row.get("status"));
            assertEquals("smtp; 421 4.4.0 Unable to Lookup DNS for example.com", row.get("diagnostic"));
        }
    }

    @Test
    void rejectsAndRenderingFailuresAreTheMessagesNeverSent() throws SQLException {
        var rows = queries.rows(queries.saved("Rejects and rendering failures of the last 7 days"));
        assertEquals(List.of("m7", "m8"), column(rows, "message_id"));
        assertEquals(List.of("Reject", "Rendering Failure"), column(rows, "event_type"));
        assertEquals("Bad content", rows.get(0).get("reject_reason"));
        assertEquals("MyTemplate", rows.get(1).get("template_name"));
    }

    @Test
    void theHistoryOfOneRecipientIsEveryEventOfTheirMessagesInTheLast30Days() throws SQLException {
        // The address is the query's execution parameter, as Athena asks for it.
        var rows = queries.rows(queries.saved("Event history of one recipient"), "recipient@example.com");
        // Oldest message first; m0 (40 days ago, expired) is not there.
        assertEquals(
                List.of("m11", "m11", "m1", "m1", "m3", "m3", "m3", "m4", "m4", "m4", "m4", "m9"),
                column(rows, "message_id"));
        assertEquals(
                Map.of(
                        "m11",
                        Set.of("Send", "Bounce"),
                        "m1",
                        Set.of("Send", "Delivery"),
                        "m3",
                        Set.of("Send", "Delivery", "Complaint"),
                        "m4",
                        Set.of("Send", "Delivery", "Open", "Click"),
                        "m9",
                        Set.of("Subscription")),
                eventTypesByMessage(rows));
        assertTrue(rows.stream()
                .anyMatch(row -> "http://docs.aws.amazon.com/ses/latest/DeveloperGuide/send-email-smtp.html"
                        .equals(row.get("clicked_link"))));
        assertEquals(List.of(), queries.rows(queries.saved("Event history of one recipient"), "nobody@example.com"));
    }

    @Test
    void dailyCountsGiveTheDefinedRatesPerDayOfSending() throws SQLException {
        var rows = queries.rows(queries.saved("Daily sending counts and rates"));
        // QUIET_DAY has a delivery and a complaint but no send: they count on BUSY_DAY, when m12
        // was sent, and QUIET_DAY has no row (nothing sent, no rate to give).
        assertEquals(
                List.of(
                        TrinoQueries.day(FIRST_DAY),
                        TrinoQueries.day(BUSY_DAY),
                        TrinoQueries.day(LAST_DAY),
                        TrinoQueries.day(TODAY)),
                column(rows, "sent_day"));
        assertEquals(List.of(3L, 6L, 1L, 1L), column(rows, "messages_sent"));
        assertEquals(List.of(4L, 7L, 2L, 1L), column(rows, "recipients"));
        assertEquals(List.of(2L, 3L, 2L, 1L), column(rows, "delivered"));
        assertEquals(List.of(2L, 0L, 0L, 0L), column(rows, "bounced"));
        assertEquals(List.of(2L, 0L, 0L, 0L), column(rows, "hard_bounced"));
        assertEquals(List.of(1L, 1L, 2L, 0L), column(rows, "complained"));
        // Hard-bounced recipients per recipient sent; complaining recipients per recipient sent.
        assertEquals(List.of("50.000", "0.000", "0.000", "0.000"), decimals(column(rows, "bounce_rate_percent")));
        assertEquals(List.of("25.000", "14.286", "100.000", "0.000"), decimals(column(rows, "complaint_rate_percent")));
    }

    @Test
    void aDayWithOutcomesButNoSendsIsNoLongerARowWithoutRates() throws SQLException {
        var quiet = TrinoQueries.day(QUIET_DAY);
        assertTrue(
                deliveredKeys.stream().anyMatch(key -> key.startsWith("partitioned/Complaint/" + quiet + "/")),
                "the complaint arrived that day");
        assertTrue(
                deliveredKeys.stream().anyMatch(key -> key.startsWith("partitioned/Delivery/" + quiet + "/")),
                "the delivery arrived that day");
        assertTrue(
                deliveredKeys.stream().noneMatch(key -> key.startsWith("partitioned/Send/" + quiet + "/")),
                "nothing was sent that day");
        // What the query said before: counted by arrival day, QUIET_DAY had outcomes and no rate.
        var byArrival = queries.rows(
                "SELECT day, count_if(event_type = 'Send') AS sent, count_if(event_type = 'Complaint') AS complained,"
                        + " round(100 * CAST(count_if(event_type = 'Complaint') AS double) / nullif(count_if(event_type = 'Send'), 0), 3) AS rate"
                        + " FROM seslogs WHERE event_type IN ('Send', 'Complaint') AND day = '" + quiet
                        + "' GROUP BY day");
        assertEquals(0L, byArrival.get(0).get("sent"));
        assertEquals(1L, byArrival.get(0).get("complained"));
        assertNull(byArrival.get(0).get("rate"));
        var rows = queries.rows(queries.saved("Daily sending counts and rates"));
        assertFalse(column(rows, "sent_day").contains(quiet));
        rows.forEach(row -> {
            assertTrue(row.get("bounce_rate_percent") != null, "every row has a bounce rate: " + row);
            assertTrue(row.get("complaint_rate_percent") != null, "every row has a complaint rate: " + row);
        });
    }

    @Test
    void aBrokenQueryFailsWithTrinosOwnError() {
        // What the saved complaint query said before Athena engine 3 / Trino semantics were checked.
        var broken = queries.saved("Complaints of the last 7 days")
                .replace("complained.email_address AS recipient", "recipient.emailAddress AS recipient")
                .replace("AS complained (email_address)", "AS t (recipient)");
        var error = assertThrows(SQLException.class, () -> queries.rows(broken));
        assertTrue(error.getMessage().contains("Expression recipient is not of type ROW"), error.getMessage());
    }

    @Test
    void aOneDayQueryReadsOnlyThatDaysObjectsOfThatType() throws SQLException {
        var plan = queries.explainAnalyze(queries.savedForDays("Delivery log of one day", BUSY_DAY, BUSY_DAY));
        var scan = TrinoPlans.tableScanInput(plan);
        System.out.println("Partition pruning, dev stack, one day of Delivery: the table scan read " + scan.rows()
                + " rows" + scan.bytes().map(bytes -> " (" + bytes + ")").orElse("") + " of "
                + week("").arrivals().size() + " events delivered");
        assertEquals(2, scan.rows(), "only the two Delivery events of that day are read:\n" + plan);
    }

    @Test
    void daysComputedFromCurrentDateStillPruneThePartitions() throws SQLException {
        // day >= date_format(current_date - interval '1' day, ...) is a constant by planning time:
        // the projection lists only yesterday and today.
        var scan = TrinoPlans.tableScanInput(queries.explainAnalyze(queries.saved("Deliveries since yesterday")));
        System.out.println(
                "Partition pruning, dev stack, deliveries since yesterday: the table scan read " + scan.rows() + " rows"
                        + scan.bytes().map(bytes -> " (" + bytes + ")").orElse(""));
        assertEquals(2, scan.rows(), "only the Delivery events of yesterday and today are read");
    }

    static List<Object> column(List<Map<String, Object>> rows, String name) {
        return rows.stream().map(row -> row.get(name)).toList();
    }

    static List<String> decimals(List<Object> values) {
        return values.stream()
                .map(value ->
                        new java.math.BigDecimal(value.toString()).setScale(3).toPlainString())
                .toList();
    }

    static Map<String, Set<String>> eventTypesByMessage(List<Map<String, Object>> rows) {
        var byMessage = new java.util.TreeMap<String, Set<String>>();
        rows.forEach(row -> byMessage
                .computeIfAbsent((String) row.get("message_id"), id -> new TreeSet<>())
                .add((String) row.get("event_type")));
        return byMessage;
    }

    /** The {@code messageId} field of the {@code mail} ROW the driver returns. */
    static String messageId(Object mail) {
        var row = (io.trino.jdbc.Row) mail;
        return row.getFields().stream()
                .filter(field ->
                        field.getName().filter("messageid"::equalsIgnoreCase).isPresent())
                .map(field -> (String) field.getValue())
                .findFirst()
                .orElseThrow();
    }
}
