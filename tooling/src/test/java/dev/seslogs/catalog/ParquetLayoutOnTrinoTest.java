package dev.seslogs.catalog;

import static dev.seslogs.catalog.StandaloneQueriesOnTrinoTest.TODAY;
import static dev.seslogs.events.SesEventType.BOUNCE;
import static dev.seslogs.events.SesEventType.CLICK;
import static dev.seslogs.events.SesEventType.COMPLAINT;
import static dev.seslogs.events.SesEventType.DELIVERY;
import static dev.seslogs.events.SesEventType.DELIVERY_DELAY;
import static dev.seslogs.events.SesEventType.OPEN;
import static dev.seslogs.events.SesEventType.SEND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seslogs.App;
import dev.seslogs.config.StackConfig;
import dev.seslogs.simulation.SimulatedAws;
import dev.seslogs.simulation.StackFiles;
import dev.seslogs.simulation.StackSimulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The opt-in columnar layout ({@code logFormat: parquet}) on a real Trino. The same SES events are
 * laid out twice: by the JSON stack's stream (GZIP JSON, its own jq query and prefix), and as the
 * Parquet stack's stream writes them, converted with the table's own schema. Trino's Parquet
 * writer stands in for Firehose's converter: {@code CREATE TABLE ... WITH (format = 'PARQUET') AS
 * SELECT} from the JSON table (with the compression the stream configures), each partition's file then moved under
 * the Parquet stream's own prefix. Every saved query must return the same rows from both layouts;
 * the bytes each reads are measured and written to docs/costs.md.
 */
class ParquetLayoutOnTrinoTest {
    /** A region of its own, so that the Glue databases do not meet the other Trino tests' ones. */
    private static final String REGION = "eu-north-1";
    /** Two busy days of a large sender: objects of megabytes, as Firehose's 128 MiB buffers give at volume. */
    private static final int MESSAGES_PER_DAY = 20_000;

    private static final List<LocalDate> VOLUME_DAYS = List.of(TODAY.minusDays(4), TODAY.minusDays(1));
    private static final long SEED = 17;
    private static final String SCRATCH = "parquet_conversion";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    /**
     * Trino reads a Parquet file below 3 MB whole ({@code parquet.small-file-threshold}); Firehose's
     * objects at volume are up to 128 MiB, read column by column. Measured as those are read.
     */
    private static final Map<String, String> READ_AS_LARGE_OBJECTS =
            Map.of("hive.parquet_small_file_threshold", "'0B'");

    private static final String HISTORY = "Event history of one recipient";

    private static TrinoQueries json;
    private static TrinoQueries parquet;
    private static int events;
    private static Map<String, Measurement> measurements;

    record Measurement(String label, String query, long jsonBytes, long parquetBytes, int rows) {
        double ratio() {
            return (double) parquetBytes / jsonBytes;
        }
    }

    @BeforeAll
    static void layTheSameEventsOutBothWays() throws Exception {
        var jsonStack = stack("seslogs-json", "json");
        var parquetStack = stack("seslogs-parquet", "parquet");
        var trino = TrinoServer.shared();
        var arrivals = new ArrayList<>(StandaloneQueriesOnTrinoTest.week("").arrivals());
        arrivals.addAll(volume());
        events = arrivals.size();
        FirehoseDelivery.of(jsonStack).deliver(trino.storageRoot(), arrivals, false);
        json = new TrinoQueries(trino, jsonStack);
        parquet = new TrinoQueries(trino, parquetStack);
        convert(trino, json, FirehoseDelivery.of(parquetStack));
    }

    private static StackSimulation.Result stack(String namePrefix, String logFormat) {
        var config =
                new LinkedHashMap<>(new StackFiles(Path.of("."), "dev").config().asMap());
        config.put("ses-logs:region", REGION);
        config.put("ses-logs:namePrefix", namePrefix);
        config.put("ses-logs:logFormat", logFormat);
        return StackSimulation.run("dev", StackConfig.of(config), new SimulatedAws("111111111111", REGION), App::stack)
                .orThrow();
    }

    /**
     * A week of sending up to today at {@value MESSAGES_PER_DAY} messages a day, one recipient
     * each: every message sent, 3% bounced, 1% delayed, the rest delivered, of those 0.5%
     * complained, 25% opened and 5% clicked. Message ids, recipients, send times and subjects vary
     * as real ones do (the rest is the AWS examples').
     */
    static List<FirehoseDelivery.Arrival> volume() {
        var random = new Random(SEED);
        var traffic = new SesTraffic();
        var subjects = new TreeMap<String, String>();
        for (var day : VOLUME_DAYS) {
            for (var i = 0; i < MESSAGES_PER_DAY; i++) {
                var id = String.format(
                        "0100%012x-%s-%s-%s-%s-%s-000000",
                        random.nextLong() & 0xffffffffffffL,
                        hex(random, 4),
                        hex(random, 2),
                        hex(random, 2),
                        hex(random, 2),
                        hex(random, 6));
                var recipient = "user" + random.nextInt(1_000_000) + "@example" + random.nextInt(50) + ".com";
                subjects.put(id, SUBJECTS[random.nextInt(SUBJECTS.length)] + " " + (1000 + random.nextInt(9000)));
                var message = traffic.message(id, day, LocalTime.ofSecondOfDay(random.nextInt(86_400)), recipient)
                        .event(SEND);
                var roll = random.nextInt(1000);
                if (roll < 30) {
                    message.event(BOUNCE);
                } else if (roll < 40) {
                    message.event(DELIVERY_DELAY);
                } else {
                    message.event(DELIVERY);
                    if (roll < 45) {
                        message.event(COMPLAINT);
                    } else if (roll < 295) {
                        message.event(OPEN);
                        if (roll < 95) {
                            message.event(CLICK);
                        }
                    }
                }
            }
        }
        var arrivals = traffic.arrivals();
        for (var arrival : arrivals) {
            var mail = (com.fasterxml.jackson.databind.node.ObjectNode)
                    arrival.record().get("mail");
            var id = mail.get("messageId").asText();
            var subject = subjects.get(id);
            if (mail.get("commonHeaders") instanceof com.fasterxml.jackson.databind.node.ObjectNode headers) {
                headers.put("subject", subject);
            }
            // A real message's headers differ per message: its subject, MIME boundary, Date and Message-ID.
            if (mail.get("headers") instanceof com.fasterxml.jackson.databind.node.ArrayNode headers) {
                var seed = id.hashCode();
                for (var header : headers) {
                    var object = (com.fasterxml.jackson.databind.node.ObjectNode) header;
                    switch (object.path("name").asText()) {
                        case "Subject" -> object.put("value", subject);
                        case "To" -> object.put(
                                "value", mail.path("destination").path(0).asText());
                        case "Content-Type" -> object.put(
                                "value",
                                "multipart/alternative; boundary=\"----=_Part_" + Math.abs(seed) + "_"
                                        + id.substring(4, 14) + "\"");
                        default -> {}
                    }
                }
                headers.addObject()
                        .put("name", "Date")
                        .put("value", mail.path("timestamp").asText());
                headers.addObject()
                        .put("name", "Message-ID")
                        .put("value", "<" + id.substring(20) + "@mail.example.com>");
            }
        }
        return arrivals;
    }

    private static final String[] SUBJECTS = {
        "Your order has shipped",
        "Password reset",
        "Welcome aboard",
        "Your invoice",
        "Weekly digest",
        "Confirm your address",
        "Your receipt",
        "Appointment reminder",
        "New sign-in to your account",
        "Your subscription renews soon"
    };

    private static String hex(Random random, int bytes) {
        var buffer = new byte[bytes];
        random.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }

    /**
     * Firehose's conversion, done by Trino: every data column of the JSON table, partitioned as the
     * stream partitions, written as Parquet (compressed as the stream says); each partition's file is then put where the
     * Parquet stream writes that event type and day, named as Firehose names its objects.
     */
    private static void convert(TrinoServer trino, TrinoQueries from, FirehoseDelivery to)
            throws SQLException, IOException {
        assertTrue(to.convertsToParquet());
        var dataColumns = from
                .rows(
                        "SELECT column_name FROM information_schema.columns WHERE table_schema = '" + from.schema()
                                + "' AND table_name = 'seslogs' AND column_name NOT IN ('event_type', 'day') ORDER BY ordinal_position")
                .stream()
                .map(row -> "\"" + row.get("column_name") + "\"")
                .toList();
        from.execute(
                "CREATE SCHEMA IF NOT EXISTS " + TrinoServer.CATALOG + "." + SCRATCH,
                "DROP TABLE IF EXISTS " + TrinoServer.CATALOG + "." + SCRATCH + ".seslogs",
                // The compression the Parquet stream configures for its files.
                "SET SESSION " + TrinoServer.CATALOG + ".compression_codec = '" + to.parquetCompression() + "'",
                "CREATE TABLE " + TrinoServer.CATALOG + "." + SCRATCH
                        + ".seslogs WITH (format = 'PARQUET', partitioned_by = ARRAY['event_type', 'day'])"
                        + " AS SELECT " + String.join(", ", dataColumns) + ", event_type, day FROM seslogs");
        var written = trino.metastoreDirectory().resolve(SCRATCH).resolve("seslogs");
        List<Path> files;
        try (var paths = Files.walk(written)) {
            files = paths.filter(Files::isRegularFile)
                    .filter(path -> path.getParent().getFileName().toString().startsWith("day=")
                            && !path.getFileName().toString().startsWith("."))
                    .toList();
        }
        assertFalse(files.isEmpty(), "Trino wrote no Parquet file under " + written);
        for (var file : files) {
            var day = LocalDate.parse(partitionValue(file.getParent()), DAY);
            var eventType = partitionValue(file.getParent().getParent());
            var arrival = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            var key = to.objectKey(
                    to.keyPrefix(Map.of(dev.seslogs.stream.PartitionLayout.EVENT_TYPE_KEY, eventType), arrival),
                    arrival);
            var target = trino.storageRoot().resolve(to.bucketName()).resolve(key);
            Files.createDirectories(target.getParent());
            Files.move(file, target);
        }
        from.execute("DROP TABLE " + TrinoServer.CATALOG + "." + SCRATCH + ".seslogs");
    }

    private static String partitionValue(Path directory) {
        var name = directory.getFileName().toString();
        return URLDecoder.decode(name.substring(name.indexOf('=') + 1), StandardCharsets.UTF_8);
    }

    @Test
    void bothTablesHaveTheSameColumnsAndOnlyTheirFormatDiffers() throws SQLException {
        var columns =
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'seslogs' AND table_schema = '%s' ORDER BY ordinal_position";
        assertEquals(json.rows(columns.formatted(json.schema())), parquet.rows(columns.formatted(parquet.schema())));
    }

    @Test
    void theParquetStreamsObjectsAreParquetUnderTheArticlesLayout() throws IOException {
        var bucket = TrinoServer.shared().storageRoot().resolve("seslogs-parquet-111111111111-" + REGION);
        try (var paths = Files.walk(bucket)) {
            var objects = paths.filter(Files::isRegularFile).toList();
            assertFalse(objects.isEmpty());
            for (var object : objects) {
                var key = bucket.relativize(object).toString();
                assertTrue(
                        key.matches("partitioned/[A-Za-z]+/\\d{4}/\\d{2}/\\d{2}/seslogs-parquet-111111111111-" + REGION
                                + "-1-[0-9-]+-[0-9a-f-]{36}"),
                        key);
                var bytes = Files.readAllBytes(object);
                assertArrayEquals("PAR1".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(bytes, 4), key);
                assertArrayEquals(
                        "PAR1".getBytes(StandardCharsets.US_ASCII),
                        java.util.Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length),
                        key);
            }
        }
    }

    @Test
    void everySavedQueryReturnsTheSameRowsFromBothLayouts() {
        assertEquals(json.savedQueryNames(), parquet.savedQueryNames());
        for (var measurement : measurements().values()) {
            assertTrue(
                    measurement.rows() > 0 || measurement.label().contains("(as saved: 2024)"),
                    measurement + " returned no row: nothing compared");
        }
    }

    @Test
    void everyFieldAndEveryTagReadsTheSameFromBothLayouts() throws SQLException {
        for (var type : List.of(
                "Send",
                "Delivery",
                "Bounce",
                "Complaint",
                "DeliveryDelay",
                "Open",
                "Click",
                "Reject",
                "RenderingFailure",
                "Subscription")) {
            // The Trino tests' own week: every event type, every field the AWS examples have.
            var everything = "SELECT * FROM seslogs WHERE event_type = '" + type + "'"
                    + " AND day >= date_format(current_date - interval '6' day, '%Y/%m/%d') AND regexp_like(mail.messageId, '^m[0-9]+$')";
            var rows = json.rows(everything);
            assertFalse(rows.isEmpty(), type);
            assertEquals(normalized(rows), normalized(parquet.rows(everything)), type);
        }
        var tags =
                "SELECT mail.messageId, mail.all_tags, element_at(mail.all_tags, 'ses:configuration-set') AS configuration_set,"
                        + " mail.tags.ses_source_ip AS source_ip FROM seslogs WHERE event_type = 'Send' AND day >= date_format(current_date - interval '6' day, '%Y/%m/%d')";
        var rows = json.rows(tags);
        assertEquals(normalized(rows), normalized(parquet.rows(tags)));
        assertTrue(rows.stream().allMatch(row -> List.of("ConfigSet").equals(row.get("configuration_set"))));
    }

    @Test
    void theBytesEachSavedQueryReadsAreMeasuredInBothLayouts() {
        // The goal was a tenth of GZIP JSON's bytes for the period queries; measured, it is
        // not met (docs/costs.md says why): recorded here, asserted only as measured facts.
        var measured = measurements();
        for (var measurement : measured.values()) {
            if (measurement.rows() > 0) {
                assertTrue(measurement.jsonBytes() > 0 && measurement.parquetBytes() > 0, measurement.toString());
            } else {
                assertEquals(
                        0,
                        measurement.jsonBytes() + measurement.parquetBytes(),
                        "a 2024 day is not projected: nothing read " + measurement);
            }
        }
        var rates = measured.get("Daily sending counts and rates");
        assertTrue(
                rates.parquetBytes() < rates.jsonBytes(), "the rates query reads fewer bytes from Parquet: " + rates);
    }

    /** Each saved query once on each layout: rows compared, bytes read recorded; the table printed and written. */
    private static synchronized Map<String, Measurement> measurements() {
        if (measurements != null) {
            return measurements;
        }
        var measured = new LinkedHashMap<String, Measurement>();
        try {
            for (var name : json.savedQueryNames()) {
                var parameters = name.equals(HISTORY) ? new Object[] {"recipient@example.com"} : new Object[0];
                var label = name.equals(HISTORY) ? name + " (recipient@example.com)" : name;
                if (name.equals("Delivery log of one day") || name.equals("Bounces for a period")) {
                    // The article's queries: as saved (2024, nothing read), and with their days changed.
                    measure(measured, name + " (as saved: 2024)", json.saved(name), parquet.saved(name));
                    var oneDay = name.startsWith("Delivery");
                    var from = oneDay ? VOLUME_DAYS.get(1) : TODAY.minusDays(6);
                    var to = oneDay ? VOLUME_DAYS.get(1) : TODAY;
                    measure(
                            measured,
                            name + " (its days changed to " + (oneDay ? "one day" : "the last 7 days") + ")",
                            json.savedForDays(name, from, to),
                            parquet.savedForDays(name, from, to));
                } else {
                    measure(measured, label, json.saved(name), parquet.saved(name), parameters);
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        measurements = measured;
        write(table());
        return measurements;
    }

    private static void measure(
            Map<String, Measurement> into, String label, String jsonSql, String parquetSql, Object... parameters)
            throws SQLException {
        var fromJson = json.measure(jsonSql, READ_AS_LARGE_OBJECTS, parameters);
        var fromParquet = parquet.measure(parquetSql, READ_AS_LARGE_OBJECTS, parameters);
        assertEquals(normalized(fromJson.rows()), normalized(fromParquet.rows()), label + ": the two layouts disagree");
        into.put(
                label,
                new Measurement(
                        label,
                        label.contains(" (") ? label.substring(0, label.indexOf(" (")) : label,
                        fromJson.physicalInputBytes(),
                        fromParquet.physicalInputBytes(),
                        fromJson.rows().size()));
    }

    /** Rows as sorted strings, every ROW and map in a stable form: the same rows whatever the order and the reader. */
    static List<String> normalized(List<Map<String, Object>> rows) {
        return rows.stream()
                .map(row -> String.valueOf(normalized((Object) row)))
                .sorted()
                .toList();
    }

    private static Object normalized(Object value) {
        if (value instanceof io.trino.jdbc.Row row) {
            var fields = new TreeMap<String, Object>();
            row.getFields()
                    .forEach(field -> fields.put(
                            field.getName().orElse("?").toLowerCase(Locale.ROOT), normalized(field.getValue())));
            return fields;
        }
        if (value instanceof Map<?, ?> map) {
            var sorted = new TreeMap<String, Object>();
            map.forEach((key, element) -> sorted.put(String.valueOf(key), normalized(element)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ParquetLayoutOnTrinoTest::normalized).toList();
        }
        if (value instanceof Object[] array) {
            return java.util.Arrays.stream(array)
                    .map(ParquetLayoutOnTrinoTest::normalized)
                    .toList();
        }
        return value;
    }

    private static String table() {
        var out = new StringBuilder();
        var root = TrinoServer.shared().storageRoot();
        out.append("Stored: GZIP JSON ")
                .append(bytes(size(root.resolve("seslogs-json-111111111111-" + REGION))))
                .append(", Parquet ")
                .append(bytes(size(root.resolve("seslogs-parquet-111111111111-" + REGION))))
                .append(".\n\n");
        out.append("| saved query | rows | GZIP JSON read | Parquet read | Parquet / JSON |\n|---|---|---|---|---|\n");
        measurements.forEach((label, m) -> out.append("| ")
                .append(label)
                .append(" | ")
                .append(m.rows())
                .append(" | ")
                .append(bytes(m.jsonBytes()))
                .append(" | ")
                .append(bytes(m.parquetBytes()))
                .append(" | ")
                .append(m.jsonBytes() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", m.ratio()))
                .append(" |\n"));
        return out.toString();
    }

    private static long size(Path bucket) {
        try (var paths = Files.walk(bucket)) {
            return paths.filter(Files::isRegularFile)
                    .mapToLong(path -> {
                        try {
                            return Files.size(path);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String bytes(long bytes) {
        return String.format(Locale.ROOT, "%,d B", bytes);
    }

    static final String MARK_START = "<!-- parquet-bytes:start -->";
    static final String MARK_END = "<!-- parquet-bytes:end -->";

    /**
     * Prints the table and writes it to {@code tooling/target/parquet-bytes.md}; with
     * {@code SES_LOGS_WRITE_COSTS=1} also into docs/costs.md, between its markers.
     */
    private static void write(String table) {
        var text = "Measured " + LocalDate.now(ZoneOffset.UTC) + " on Trino "
                + TrinoServer.shared().version() + " by `ParquetLayoutOnTrinoTest`"
                + " (`SES_LOGS_WRITE_COSTS=1 bash scripts/mvn -f tooling/pom.xml test -Dtest=ParquetLayoutOnTrinoTest`, after"
                + " `bash scripts/build`): " + String.format(Locale.ROOT, "%,d", events)
                + " SES events over the last 7 days ("
                + String.format(Locale.ROOT, "%,d", MESSAGES_PER_DAY)
                + " messages on each of two days, with the Trino tests' own week), one object per"
                + " event type and day in each layout, bytes as Trino's `physicalInputBytes` (Parquet read column by column, as"
                + " objects above 3 MB are).\n\n" + table;
        System.out.println("Bytes read per saved query, GZIP JSON and Parquet:\n" + text);
        try {
            // The tests run in the repository's root (they read its stack files).
            Files.createDirectories(Path.of("tooling", "target"));
            Files.writeString(Path.of("tooling", "target", "parquet-bytes.md"), text);
            if ("1".equals(System.getenv("SES_LOGS_WRITE_COSTS"))) {
                var costs = Path.of("docs", "costs.md");
                var doc = Files.readString(costs);
                var start = doc.indexOf(MARK_START);
                var end = doc.indexOf(MARK_END);
                if (start < 0 || end < start) {
                    throw new AssertionError("docs/costs.md has no " + MARK_START + " ... " + MARK_END + " markers");
                }
                Files.writeString(
                        costs, doc.substring(0, start + MARK_START.length()) + "\n" + text + doc.substring(end));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
