package dev.seslogs.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seslogs.App;
import dev.seslogs.config.StackConfig;
import dev.seslogs.events.SesEventType;
import dev.seslogs.simulation.SimulatedAws;
import dev.seslogs.simulation.StackFiles;
import dev.seslogs.simulation.StackSimulation;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every field SES writes, of every event type, reads back through the stack's own table on a real
 * Trino with the value SES wrote: the column types, the OpenX SerDe's {@code mapping.*} renames of
 * SES's {@code ses:*} tags, case-insensitive names and the events' optional parts, proven by the
 * engine instead of by a model of it.
 */
class EveryEventReadsBackOnTrinoTest {
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    /** A region of its own, so that its Glue database does not meet the other Trino tests' ones. */
    private static final String REGION = "us-east-2";

    private static final Map<SesEventType, JsonNode> DELIVERED = new LinkedHashMap<>();
    private static Map<String, String> columnForJsonKey;
    private static TrinoQueries declaredTags;
    private static TrinoQueries undeclaredTags;

    @BeforeAll
    static void deliverOneEventOfEachType() {
        var trino = TrinoServer.shared();
        var traffic = new SesTraffic();
        var time = LocalTime.of(6, 0);
        for (var type : SesEventType.values()) {
            traffic.message("read-back-" + type.partitionValue(), DAY, time, "recipient@example.com")
                    .event(type);
            time = time.plusMinutes(5);
        }
        for (var arrival : traffic.arrivals()) {
            // SES's newer automatic tags, which the AWS examples predate.
            if (arrival.record().path("mail").path("tags")
                    instanceof com.fasterxml.jackson.databind.node.ObjectNode tags) {
                tags.putArray("ses:source-tls-version").add("TLSv1.3");
                tags.putArray("ses:outgoing-tls-version").add("TLSv1.2");
            }
            var eventType = arrival.record().get("eventType").asText();
            DELIVERED.put(
                    SesEventType.all().stream()
                            .filter(t -> t.eventTypeValue().equals(eventType))
                            .findFirst()
                            .orElseThrow(),
                    arrival.record());
        }

        // The AWS examples carry two custom tags: declared as messageTags in one stack, not in the other.
        var withTags = stack("ses-logs-tags", List.of("myCustomTag1", "myCustomTag2"));
        FirehoseDelivery.of(withTags).deliver(trino.storageRoot(), traffic.arrivals());
        declaredTags = new TrinoQueries(trino, withTags);
        var serdeParameters =
                (Map<?, ?>) withTags.one(GlueTableInTrino.TABLE_TYPE).input("storageDescriptor.serDeInfo.parameters");
        columnForJsonKey = new LinkedHashMap<>();
        serdeParameters.forEach((key, value) -> {
            if (key.toString().startsWith("mapping.")) {
                columnForJsonKey.put(value.toString(), key.toString().substring("mapping.".length()));
            }
        });

        var withoutTags = stack("ses-logs-plain", List.of());
        FirehoseDelivery.of(withoutTags).deliver(trino.storageRoot(), traffic.arrivals());
        undeclaredTags = new TrinoQueries(trino, withoutTags);
    }

    private static StackSimulation.Result stack(String namePrefix, List<String> messageTags) {
        var config =
                new LinkedHashMap<>(new StackFiles(Path.of("."), "dev").config().asMap());
        config.put("ses-logs:region", REGION);
        config.put("ses-logs:namePrefix", namePrefix);
        config.put(
                "ses-logs:messageTags",
                messageTags.stream().map(tag -> "\"" + tag + "\"").toList().toString());
        return StackSimulation.run("dev", StackConfig.of(config), new SimulatedAws("111111111111", REGION), App::stack)
                .orThrow();
    }

    private static Map<String, Object> readBack(TrinoQueries queries, SesEventType type) throws SQLException {
        var rows = queries.rows("SELECT * FROM seslogs WHERE event_type = '" + type.partitionValue() + "' AND day = '"
                + TrinoQueries.day(DAY) + "'");
        assertEquals(1, rows.size(), type + ": " + rows);
        var row = new LinkedHashMap<String, Object>();
        rows.get(0).forEach((column, value) -> row.put(column, plain(value)));
        return row;
    }

    @ParameterizedTest
    @EnumSource(SesEventType.class)
    void everyFieldReadsBackAsSesWroteIt(SesEventType type) throws SQLException {
        var row = readBack(declaredTags, type);
        var record = DELIVERED.get(type);
        var mismatches = new ArrayList<String>();
        compare("", record, new Struct(row), mismatches);
        assertEquals(List.of(), mismatches, type + " as Trino reads it: " + row);
        assertEquals(type.partitionValue(), row.get("event_type"));
        assertEquals(TrinoQueries.day(DAY), row.get("day"));
    }

    @Test
    void customTagsAreFieldsOfMailTagsOnlyWhereTheStackDeclaresThem() throws SQLException {
        var declared = (Struct) ((Struct) new Struct(readBack(declaredTags, SesEventType.SEND))
                        .fields()
                        .get("mail"))
                .fields()
                .get("tags");
        assertEquals(List.of("myCustomTagValue1"), declared.fields().get("mycustomtag1"));
        var undeclared = (Struct) ((Struct) new Struct(readBack(undeclaredTags, SesEventType.SEND))
                        .fields()
                        .get("mail"))
                .fields()
                .get("tags");
        assertEquals(false, undeclared.fields().containsKey("mycustomtag1"), "no field: only mail.all_tags has it");
        assertEquals(List.of("192.0.2.0"), undeclared.fields().get("ses_source_ip"));
        assertEquals(List.of("TLSv1.3"), undeclared.fields().get("ses_source_tls_version"));
        assertEquals(List.of("TLSv1.2"), undeclared.fields().get("ses_outgoing_tls_version"));
    }

    @Test
    void everyTagIsQueryableWithoutDeclaringIt() throws SQLException {
        // The stack declares no messageTags: an undeclared custom tag and SES's newer automatic
        // tags read through the map, by the name SES writes (a map key is a value: no rename).
        var rows = undeclaredTags.rows("SELECT element_at(mail.all_tags, 'myCustomTag1') AS custom,"
                + " element_at(mail.all_tags, 'ses:source-tls-version') AS source_tls,"
                + " element_at(mail.all_tags, 'ses:outgoing-tls-version') AS outgoing_tls,"
                + " element_at(mail.all_tags, 'ses:configuration-set') AS configuration_set,"
                + " element_at(mail.all_tags, 'no-such-tag') AS missing,"
                + " mail.tags.ses_source_ip AS source_ip"
                + " FROM seslogs WHERE event_type = 'Send' AND day = '" + TrinoQueries.day(DAY) + "'"
                + " AND contains(map_keys(mail.all_tags), 'myCustomTag1')");
        assertEquals(1, rows.size(), rows.toString());
        var row = rows.get(0);
        assertEquals(List.of("myCustomTagValue1"), row.get("custom"));
        assertEquals(List.of("TLSv1.3"), row.get("source_tls"));
        assertEquals(List.of("TLSv1.2"), row.get("outgoing_tls"));
        assertEquals(List.of("ConfigSet"), row.get("configuration_set"));
        assertNull(row.get("missing"), "a tag the message does not carry reads as null");
        assertEquals(List.of("192.0.2.0"), row.get("source_ip"), "the article's mail.tags.ses_source_ip still reads");
        var record = DELIVERED.get(SesEventType.SEND).path("mail").path("tags");
        var keys = undeclaredTags
                .rows("SELECT map_keys(mail.all_tags) AS tag_names FROM seslogs WHERE event_type = 'Send' AND day = '"
                        + TrinoQueries.day(DAY) + "'")
                .get(0)
                .get("tag_names");
        var expected = new java.util.TreeSet<String>();
        record.fieldNames().forEachRemaining(expected::add);
        assertEquals(
                expected, new java.util.TreeSet<>((List<?>) keys), "every tag SES wrote is a key of mail.all_tags");
    }

    @Test
    void eventsWithoutOptionalPartsReadTheMissingPartsAsNull() throws SQLException {
        var failure = new Struct(readBack(declaredTags, SesEventType.RENDERING_FAILURE));
        var mail = (Struct) failure.fields().get("mail");
        assertNull(mail.fields().get("headers"), "the AWS example of a rendering failure has no headers");
        assertNull(mail.fields().get("commonheaders"));
        assertNull(failure.fields().get("bounce"), "other event types' columns are null");
    }

    /** A ROW as Trino returns it, field names lower-cased (Hive's rule), told apart from a Hive map. */
    record Struct(Map<String, Object> fields) {}

    private static Object plain(Object value) {
        if (value instanceof io.trino.jdbc.Row row) {
            var fields = new LinkedHashMap<String, Object>();
            row.getFields()
                    .forEach(field -> fields.put(
                            field.getName().orElseThrow().toLowerCase(Locale.ROOT), plain(field.getValue())));
            return new Struct(fields);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(EveryEventReadsBackOnTrinoTest::plain).toList();
        }
        if (value instanceof Map<?, ?> map) {
            var plainMap = new LinkedHashMap<Object, Object>();
            map.forEach((key, element) -> plainMap.put(key, plain(element)));
            return plainMap;
        }
        return value;
    }

    /** Every leaf of the JSON SES wrote must be read back with the same value. */
    private static void compare(String path, JsonNode json, Object read, List<String> mismatches) {
        if (json.isObject()) {
            if (read instanceof Struct struct) {
                json.fields().forEachRemaining(field -> {
                    var column = columnForJsonKey
                            .getOrDefault(field.getKey(), field.getKey())
                            .toLowerCase(Locale.ROOT);
                    if (!struct.fields().containsKey(column)) {
                        mismatches.add(path + "." + field.getKey() + " is not read (no column " + column + ")");
                    } else {
                        compare(
                                path + "." + field.getKey(),
                                field.getValue(),
                                struct.fields().get(column),
                                mismatches);
                    }
                });
            } else if (read instanceof Map<?, ?> map) {
                if (map.size() != json.size()) {
                    mismatches.add(path + " has " + json.size() + " keys, read " + map.keySet());
                }
                json.fields()
                        .forEachRemaining(field -> compare(
                                path + "{" + field.getKey() + "}",
                                field.getValue(),
                                map.get(field.getKey()),
                                mismatches));
            } else {
                mismatches.add(path + " is an object, read " + read);
            }
        } else if (json.isArray()) {
            if (!(read instanceof List<?> list) || list.size() != json.size()) {
                mismatches.add(path + " is " + json + ", read " + read);
                return;
            }
            for (var i = 0; i < json.size(); i++) {
                compare(path + "[" + i + "]", json.get(i), list.get(i), mismatches);
            }
        } else if (json.isNull()) {
            if (read != null) {
                mismatches.add(path + " is null, read " + read);
            }
        } else if (json.isIntegralNumber()) {
            if (!(read instanceof Number number) || number.longValue() != json.asLong()) {
                mismatches.add(path + " is " + json + ", read " + read);
            }
        } else if (json.isBoolean()) {
            if (!Boolean.valueOf(json.asBoolean()).equals(read)) {
                mismatches.add(path + " is " + json + ", read " + read);
            }
        } else if (!json.asText().equals(read)) {
            mismatches.add(path + " is " + json + ", read " + read);
        }
    }
}
