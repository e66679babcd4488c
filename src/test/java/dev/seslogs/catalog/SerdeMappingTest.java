package dev.seslogs.catalog;

import dev.seslogs.events.SesEventType;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.SingleColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ses:*} tag keys are not valid field names, so the table declares
 * {@code mail.tags.ses_source_ip} and the SerDe's {@code mapping.ses_source_ip=ses:source-ip}
 * renames it. OpenX mappings are keyed by field name, not by path, and apply in every nested
 * struct (see {@link OpenXJsonRules}); these tests hold the table to what that implies.
 */
class SerdeMappingTest {
    private static final HiveType.Struct SCHEMA = EventTable.schema(SesEventFixtures.EXAMPLE_MESSAGE_TAGS);
    private static final OpenXJsonRules SERDE = new OpenXJsonRules(EventTable.serdeParameters());

    private static Map<String, String> mappings() {
        var mappings = new LinkedHashMap<String, String>();
        EventTable.serdeParameters().forEach((key, value) -> {
            if (key.startsWith("mapping.")) {
                mappings.put(key.substring("mapping.".length()), value);
            }
        });
        return mappings;
    }

    @Test
    void mappingsAreLowerCaseAndRenameExactlyTheSesTagColumns() {
        assertEquals(EventTable.SES_TAG_COLUMNS, mappings());
        mappings().forEach((field, key) -> {
            // Trino looks the lower-cased field name up verbatim: an upper-case mapping key never matches.
            assertEquals(field.toLowerCase(Locale.ROOT), field);
            assertEquals(key.toLowerCase(Locale.ROOT), key);
        });
    }

    @Test
    void eachMappedNameOccursOnceInTheWholeSchemaSoTheRenameCannotHitAnotherField() {
        var names = GlueSchemaShapeTest.fieldPaths(SCHEMA, "").stream()
                .map(path -> path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)).toList();
        mappings().keySet().forEach(field -> assertEquals(1, names.stream().filter(field::equals).count(), field));
        var tags = (HiveType.Struct) ((HiveType.Struct) SCHEMA.field("mail").orElseThrow()).field("tags").orElseThrow();
        mappings().keySet().forEach(field -> assertTrue(tags.field(field).isPresent(), field + " is a field of mail.tags"));
    }

    @ParameterizedTest
    @EnumSource(SesEventType.class)
    void everySesTagOfEveryEventIsReadUnderItsColumn(SesEventType type) {
        var record = SesEventFixtures.record(type);
        var row = SERDE.read(record, SCHEMA);
        var tags = record.path("mail").path("tags");
        var seen = new ArrayList<String>();
        tags.fields().forEachRemaining(tag -> {
            var column = EventTable.SES_TAG_COLUMNS.entrySet().stream().filter(e -> e.getValue().equals(tag.getKey()))
                    .map(Map.Entry::getKey).findFirst().orElse(tag.getKey());
            var values = new ArrayList<Object>();
            tag.getValue().forEach(v -> values.add(v.asText()));
            assertEquals(values, OpenXJsonRules.dereference(row, List.of("mail", "tags", column)), type + " " + tag.getKey());
            seen.add(tag.getKey());
        });
        assertTrue(!seen.isEmpty(), "every AWS example carries tags");
    }

    @Test
    void withoutTheMappingsTheArticlesTagColumnsWouldReadNull() {
        var unmapped = new LinkedHashMap<>(EventTable.serdeParameters());
        unmapped.keySet().removeIf(key -> key.startsWith("mapping."));
        var row = new OpenXJsonRules(unmapped).read(SesEventFixtures.record(SesEventType.BOUNCE), SCHEMA);
        assertNull(OpenXJsonRules.dereference(row, List.of("mail", "tags", "ses_source_ip")));
        assertNotNull(OpenXJsonRules.dereference(SERDE.read(SesEventFixtures.record(SesEventType.BOUNCE), SCHEMA), List.of("mail", "tags", "ses_source_ip")));
    }

    @Test
    void theArticlesBounceReportReadsAValueForEveryColumnOfABounce() {
        var query = new SqlParser().createStatement(NamedQueryFiles.load("bounces-for-a-period.sql").sql().strip().replaceAll(";$", ""));
        var row = SERDE.read(SesEventFixtures.record(SesEventType.BOUNCE), SCHEMA);
        var chains = new ArrayList<List<String>>();
        collectSelectedChains(query, chains);
        assertEquals(13, chains.size(), chains.toString());
        for (var chain : chains) {
            assertNotNull(OpenXJsonRules.dereference(row, chain), String.join(".", chain));
        }
        // The article's mixed case (bouncesubtype, reportingMTA) reads because names match ignoring case.
        assertEquals("General", OpenXJsonRules.dereference(row, List.of("bounce", "bouncesubtype")));
        assertEquals(List.of("198.51.100.10"), OpenXJsonRules.dereference(row, List.of("mail", "tags", "ses_outgoing_ip")));
    }

    @Test
    void eventsWithoutOptionalPartsStillReadWithNulls() {
        var failure = SERDE.read(SesEventFixtures.record(SesEventType.RENDERING_FAILURE), SCHEMA);
        assertNull(OpenXJsonRules.dereference(failure, List.of("mail", "headers")));
        assertNull(OpenXJsonRules.dereference(failure, List.of("mail", "commonHeaders", "subject")));
        assertEquals("MyTemplate", OpenXJsonRules.dereference(failure, List.of("failure", "templateName")));
        assertNull(OpenXJsonRules.dereference(failure, List.of("bounce")), "other event types' columns are null");
        var subscription = SERDE.read(SesEventFixtures.record(SesEventType.SUBSCRIPTION), SCHEMA);
        assertNull(OpenXJsonRules.dereference(subscription, List.of("mail", "sourceArn")));
        assertEquals(true, OpenXJsonRules.dereference(subscription, List.of("subscription", "newTopicPreferences", "unsubscribeAll")));
    }

    @Test
    void malformedLinesAndKeyCaseAreExplicitDecisions() {
        var serde = EventTable.serdeParameters();
        assertTrue(serde.containsKey("ignore.malformed.json"), "decided, not defaulted");
        assertEquals("false", serde.get("ignore.malformed.json").toLowerCase(Locale.ROOT));
        assertTrue(!"false".equalsIgnoreCase(serde.getOrDefault("case.insensitive", "true")),
                "the article's bounce.bouncesubtype relies on case-insensitive keys");
    }

    private static void collectSelectedChains(Node node, List<List<String>> chains) {
        if (node instanceof SingleColumn column) {
            collectChains(column.getExpression(), chains);
            return;
        }
        node.getChildren().forEach(child -> collectSelectedChains(child, chains));
    }

    private static void collectChains(Node node, List<List<String>> chains) {
        if (node instanceof DereferenceExpression || node instanceof Identifier) {
            var chain = chain((Expression) node);
            if (!chain.isEmpty()) {
                chains.add(chain);
                return;
            }
        }
        node.getChildren().forEach(child -> collectChains(child, chains));
    }

    private static List<String> chain(Expression expression) {
        if (expression instanceof Identifier identifier) {
            return new ArrayList<>(List.of(identifier.getValue()));
        }
        if (expression instanceof DereferenceExpression dereference && dereference.getField().isPresent()) {
            var base = chain(dereference.getBase());
            if (!base.isEmpty()) {
                base.add(dereference.getField().get().getValue());
            }
            return base;
        }
        return new ArrayList<>();
    }
}
