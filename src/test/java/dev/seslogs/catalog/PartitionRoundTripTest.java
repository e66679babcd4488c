package dev.seslogs.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seslogs.events.SesEventType;
import dev.seslogs.stream.PartitionLayout;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For every event type: the stream's own metadata query, evaluated with jq 1.6 semantics, gives
 * the S3 key Firehose writes; the table's projection resolves to exactly that prefix.
 */
class PartitionRoundTripTest {
    private static final String BUCKET = "ses-logs-123456789012-ap-northeast-1";
    /** 31 December: the day the article's YYYY (week-based year) put files under the wrong year. */
    private static final Instant ARRIVAL = Instant.parse("2024-12-31T23:15:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    static String extractPartitionKey(JsonNode record) throws IOException {
        var scope = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
        var query = JsonQuery.compile(PartitionLayout.METADATA_EXTRACTION_QUERY, Versions.JQ_1_6);
        var results = new ArrayList<JsonNode>();
        query.apply(Scope.newChildScope(scope), record, results::add);
        assertEquals(1, results.size(), "the query must yield exactly one object per record");
        var key = results.get(0).get(PartitionLayout.EVENT_TYPE_KEY);
        assertTrue(key != null && key.isTextual(), "the query must yield a string " + PartitionLayout.EVENT_TYPE_KEY + ": " + results.get(0));
        return key.asText();
    }

    /** Firehose's prefix evaluation: partitionKeyFromQuery and timestamp (UTC arrival time, Java pattern). */
    static String firehoseKeyPrefix(String prefix, String partitionKey, Instant arrival) {
        var withKey = prefix.replace("!{partitionKeyFromQuery:" + PartitionLayout.EVENT_TYPE_KEY + "}", partitionKey);
        var timestamps = Pattern.compile("!\\{timestamp:([^}]+)}").matcher(withKey);
        var out = new StringBuilder();
        while (timestamps.find()) {
            timestamps.appendReplacement(out, DateTimeFormatter.ofPattern(timestamps.group(1)).withZone(ZoneOffset.UTC).format(arrival));
        }
        timestamps.appendTail(out);
        assertFalse(out.toString().contains("!{"), "unresolved expression in " + out);
        return out.toString();
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
    void theTableFindsExactlyWhereTheStreamWrites(SesEventType type) throws IOException {
        var partitionKey = extractPartitionKey(SesEventFixtures.record(type));
        assertEquals(type.partitionValue(), partitionKey);
        assertFalse(partitionKey.contains(" "), "no space in an S3 key or an enum projection value");

        var objectPrefix = firehoseKeyPrefix(PartitionLayout.DATA_PREFIX, partitionKey, ARRIVAL);
        var parameters = EventTable.tableParameters(BUCKET, 400, List.of());
        var enumValues = Arrays.asList(parameters.get("projection.event_type.values").split(","));
        assertTrue(enumValues.contains(partitionKey), partitionKey + " is not a projected value " + enumValues);
        var day = DateTimeFormatter.ofPattern(parameters.get("projection.day.format")).withZone(ZoneOffset.UTC).format(ARRIVAL);
        var resolved = resolveTemplate(parameters.get("storage.location.template"), java.util.Map.of("event_type", partitionKey, "day", day));
        assertEquals("s3://" + BUCKET + "/" + objectPrefix, resolved);
        assertEquals("partitioned/" + partitionKey + "/2024/12/31/", objectPrefix, "the calendar year, not the week-based year");
    }

    @ParameterizedTest
    @EnumSource(SesEventType.class)
    void anArchiveTableFindsEachMembersFolder(SesEventType type) throws IOException {
        var account = "222222222222";
        var partitionKey = extractPartitionKey(SesEventFixtures.record(type));
        var objectPrefix = firehoseKeyPrefix(PartitionLayout.memberDataPrefix(account), partitionKey, ARRIVAL);
        var parameters = EventTable.tableParameters(BUCKET, 400, List.of(account, "444444444444"));
        assertEquals(List.of(account, "444444444444"), Arrays.asList(parameters.get("projection.account.values").split(",")));
        var resolved = resolveTemplate(parameters.get("storage.location.template"),
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
    void theArticlesQueryWouldHaveWrittenASpace() throws IOException {
        var scope = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
        var results = new ArrayList<JsonNode>();
        JsonQuery.compile("{EventType: .eventType}", Versions.JQ_1_6)
                .apply(Scope.newChildScope(scope), SesEventFixtures.record(SesEventType.RENDERING_FAILURE), results::add);
        assertEquals("Rendering Failure", results.get(0).get("EventType").asText());
    }

    @Test
    void theRealJq16AgreesForEveryFixture() throws Exception {
        var jq = Path.of("/usr/bin/jq");
        Assumptions.assumeTrue(Files.isExecutable(jq), "jq is not installed");
        var version = new String(new ProcessBuilder(jq.toString(), "--version").start().getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        Assumptions.assumeTrue(version.equals("jq-1.6"), "not jq 1.6: " + version);
        for (var type : SesEventType.values()) {
            var process = new ProcessBuilder(jq.toString(), "-c", PartitionLayout.METADATA_EXTRACTION_QUERY).start();
            process.getOutputStream().write(SesEventFixtures.text(type).getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS));
            var output = JSON.readTree(process.getInputStream().readAllBytes());
            assertEquals(extractPartitionKey(SesEventFixtures.record(type)), output.get("EventType").asText(), type.name());
        }
    }
}
