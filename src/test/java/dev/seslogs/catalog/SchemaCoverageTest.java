package dev.seslogs.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seslogs.events.SesEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every field of every SES event is declared in the table with a compatible type: nothing silently dropped. */
class SchemaCoverageTest {

    /** The JSON key a column reads: its name, or the SES tag key the SerDe maps it to. */
    private static String jsonKeyOf(String column) {
        return EventTable.SES_TAG_COLUMNS.getOrDefault(column, column);
    }

    /** Paths of the record that the schema does not declare, or declares with an incompatible type. */
    static List<String> undeclared(JsonNode value, HiveType type, String path) {
        var problems = new ArrayList<String>();
        if (value.isNull()) {
            return problems;
        }
        if (type instanceof HiveType.Struct struct) {
            if (!value.isObject()) {
                problems.add(path + " is " + value.getNodeType() + ", declared " + type.render());
                return problems;
            }
            value.fields().forEachRemaining(entry -> {
                var field = struct.fields().stream()
                        .filter(f -> jsonKeyOf(f.name()).toLowerCase(Locale.ROOT).equals(entry.getKey().toLowerCase(Locale.ROOT)))
                        .findFirst();
                if (field.isEmpty()) {
                    problems.add(path + "." + entry.getKey() + " is not declared");
                } else {
                    problems.addAll(undeclared(entry.getValue(), field.get().type(), path + "." + entry.getKey()));
                }
            });
        } else if (type instanceof HiveType.MapOf map) {
            if (!value.isObject()) {
                problems.add(path + " is " + value.getNodeType() + ", declared " + type.render());
                return problems;
            }
            value.fields().forEachRemaining(entry -> problems.addAll(undeclared(entry.getValue(), map.value(), path + "[" + entry.getKey() + "]")));
        } else if (type instanceof HiveType.Array array) {
            if (!value.isArray()) {
                problems.add(path + " is " + value.getNodeType() + ", declared " + type.render());
                return problems;
            }
            for (var i = 0; i < value.size(); i++) {
                problems.addAll(undeclared(value.get(i), array.element(), path + "[" + i + "]"));
            }
        } else if (type instanceof HiveType.Primitive primitive) {
            var compatible = switch (primitive.name()) {
                case "string" -> value.isTextual();
                case "bigint", "int" -> value.isIntegralNumber();
                case "double" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                default -> false;
            };
            if (!compatible) {
                problems.add(path + " is " + value.getNodeType() + ", declared " + primitive.name());
            }
        }
        return problems;
    }

    @ParameterizedTest
    @EnumSource(SesEventType.class)
    void everyFieldOfTheEventIsDeclared(SesEventType type) {
        var schema = EventTable.schema(SesEventFixtures.EXAMPLE_MESSAGE_TAGS);
        assertEquals(List.of(), undeclared(SesEventFixtures.record(type), schema, type.name()));
    }

    @Test
    void undeclaredCustomTagsAreTheOnlyGapAndTheWalkerSeesThem() {
        var problems = undeclared(SesEventFixtures.record(SesEventType.DELIVERY), EventTable.schema(List.of()), "DELIVERY");
        assertEquals(List.of("DELIVERY.mail.tags.myCustomTag1 is not declared", "DELIVERY.mail.tags.myCustomTag2 is not declared"), problems);
    }

    @Test
    void theWalkerNoticesAMissingColumnAndAWrongType() {
        var withoutBounce = new HiveType.Struct(EventTable.schema(List.of()).fields().stream().filter(f -> !f.name().equals("bounce")).toList());
        assertTrue(undeclared(SesEventFixtures.record(SesEventType.BOUNCE), withoutBounce, "BOUNCE").contains("BOUNCE.bounce is not declared"));
        var wrongType = HiveType.struct(HiveType.field("eventType", HiveType.BIGINT));
        assertTrue(undeclared(SesEventFixtures.record(SesEventType.SEND), wrongType, "SEND").contains("SEND.eventType is STRING, declared bigint"));
    }

    @Test
    void fixturesLackOptionalPartsLikeTheAwsExamples() {
        var failure = SesEventFixtures.record(SesEventType.RENDERING_FAILURE);
        assertTrue(failure.path("mail").path("headers").isMissingNode() && failure.path("mail").path("commonHeaders").isMissingNode());
        assertTrue(SesEventFixtures.record(SesEventType.OPEN).path("mail").path("sourceArn").isMissingNode());
        assertTrue(SesEventFixtures.record(SesEventType.SUBSCRIPTION).path("mail").path("sourceArn").isMissingNode());
    }

    @Test
    void sesTagsAreColumnsThroughTheSerdeMapping() {
        var serde = EventTable.serdeParameters();
        assertEquals("ses:source-ip", serde.get("mapping.ses_source_ip"));
        assertEquals("ses:outgoing-ip", serde.get("mapping.ses_outgoing_ip"));
        assertEquals("ses:configuration-set", serde.get("mapping.ses_configuration_set"));
        var tags = (HiveType.Struct) ((HiveType.Struct) EventTable.schema(List.of()).field("mail").orElseThrow()).field("tags").orElseThrow();
        EventTable.SES_TAG_COLUMNS.keySet().forEach(column -> assertTrue(tags.field(column).isPresent(), column));
    }
}
