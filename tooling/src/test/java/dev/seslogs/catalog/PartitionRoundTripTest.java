package dev.seslogs.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seslogs.events.SesEventType;
import dev.seslogs.stream.PartitionLayout;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * For every event type: the stream's own metadata query, evaluated with jq 1.6 semantics, gives
 * the S3 key Firehose writes; the table's projection resolves to exactly that prefix.
 */
class PartitionRoundTripTest {
    private static final String BUCKET = "ses-logs-123456789012-ap-northeast-1";
    /** 31 December: the day the article's YYYY (week-based year) put files under the wrong year. */
    private static final Instant ARRIVAL = Instant.parse("2024-12-31T23:15:00Z");

    static String extractPartitionKey(JsonNode record) {
        var key = FirehoseDelivery.evaluateWithJacksonJq(PartitionLayout.METADATA_EXTRACTION_QUERY, record)
                .get(PartitionLayout.EVENT_TYPE_KEY);
        assertTrue(
                key != null && key.isTextual(),
                "the query must yield a string " + PartitionLayout.EVENT_TYPE_KEY + ": " + record);
        return key.asText();
    }

    static String firehoseKeyPrefix(String prefix, String partitionKey, Instant arrival) {
        return FirehoseDelivery.evaluatePrefix(
                prefix, java.util.Map.of(PartitionLayout.EVENT_TYPE_KEY, partitionKey), arrival);
    }

    /** Athena's projection: every ${column} of the template from the projected values. */
    static String resolveTemplate(String template, java.util.Map<String, String> values) {
        var resolved = template;
        for (var entry : values.entrySet()) {
            resolved = resolved.replace("${" + entry.getKey() + "}", entry.getValue());
        }
        assertFalse(resolved.contains("${"), "unresolved projection in " + resolved);
        return resolved;
    }

    @ParameterizedTest
    @EnumSource(SesEventType.class)
    void theTableFindsExactlyWhereTheStreamWrites(SesEventType type) {
        var partitionKey = extractPartitionKey(SesEventFixtures.record(type));
        assertEquals(type.partitionValue(), partitionKey);
        assertFalse(partitionKey.contains(" "), "no space in an S3 key or an enum projection value");

        var objectPrefix = firehoseKeyPrefix(PartitionLayout.DATA_PREFIX, partitionKey, ARRIVAL);
        var parameters = EventTable.tableParameters(BUCKET, 400, List.of());
        var enumValues =
                Arrays.asList(parameters.get("projection.event_type.values").split(","));
        assertTrue(enumValues.contains(partitionKey), partitionKey + " is not a projected value " + enumValues);
        var day = DateTimeFormatter.ofPattern(parameters.get("projection.day.format"))
                .withZone(ZoneOffset.UTC)
                .format(ARRIVAL);
        var resolved = resolveTemplate(
                parameters.get("storage.location.template"), java.util.Map.of("event_type", partitionKey, "day", day));
        assertEquals("s3://" + BUCKET + "/" + objectPrefix, resolved);
        assertEquals(
                "partitioned/" + partitionKey + "/2024/12/31/",
                objectPrefix,
                "the calendar year, not the week-based year");
    }

    @ParameterizedTest
    @EnumSource(SesEventType.class)
    void anArchiveTableFindsEachMembersFolder(SesEventType type) {
        var account = "222222222222";
        var partitionKey = extractPartitionKey(SesEventFixtures.record(type));
        var objectPrefix = firehoseKeyPrefix(PartitionLayout.memberDataPrefix(account), partitionKey, ARRIVAL);
        var parameters = EventTable.tableParameters(BUCKET, 400, List.of(account, "444444444444"));
        assertEquals(
                List.of(account, "444444444444"),
                Arrays.asList(parameters.get("projection.account.values").split(",")));
        var resolved = resolveTemplate(
                parameters.get("storage.location.template"),
                java.util.Map.of("account", account, "event_type", partitionKey, "day", "2024/12/31"));
        assertEquals("s3://" + BUCKET + "/" + objectPrefix, resolved);
    }

    @Test
    void theProjectedDaysEndWithTheRetention() {
        var parameters = EventTable.tableParameters(BUCKET, 35, List.of());
        assertEquals("NOW-35DAYS,NOW", parameters.get("projection.day.range"));
        assertEquals("date", parameters.get("projection.day.type"));
        assertEquals("yyyy/MM/dd", parameters.get("projection.day.format"));
        assertEquals("true", parameters.get("projection.enabled"));
    }

    @Test
    void theArticlesQueryWouldHaveWrittenASpace() {
        var result = FirehoseDelivery.evaluateWithJacksonJq(
                "{EventType: .eventType}", SesEventFixtures.record(SesEventType.RENDERING_FAILURE));
        assertEquals("Rendering Failure", result.get("EventType").asText());
    }

    @Test
    void theRealJq16AgreesForEveryFixture() {
        assertEquals("jq-1.6", FirehoseDelivery.realJqVersion(), "Firehose's JQ-1.6 engine is jq 1.6");
        for (var type : SesEventType.values()) {
            var record = SesEventFixtures.record(type);
            assertEquals(
                    FirehoseDelivery.evaluateWithJacksonJq(PartitionLayout.METADATA_EXTRACTION_QUERY, record),
                    FirehoseDelivery.evaluateWithRealJq(PartitionLayout.METADATA_EXTRACTION_QUERY, record),
                    type.name());
        }
    }
}
