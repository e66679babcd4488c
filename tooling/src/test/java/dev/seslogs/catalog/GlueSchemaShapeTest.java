package dev.seslogs.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Every name in the table is one Athena can use: Glue stores whatever it is given, and an
 * ambiguous name only fails when Athena reads the table. (That the type strings parse and every
 * field reads back is proven on a real Trino: {@link EveryEventReadsBackOnTrinoTest}.)
 */
class GlueSchemaShapeTest {
    /** A name Athena needs no quotes for (and a struct field name Hive's type parser accepts). */
    private static final java.util.regex.Pattern PLAIN_IDENTIFIER =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Calls {@code visit} with every struct in a type and its dotted path, depth first. */
    static void forEachStruct(
            HiveType type, String path, java.util.function.BiConsumer<String, HiveType.Struct> visit) {
        if (type instanceof HiveType.Struct struct) {
            visit.accept(path, struct);
            struct.fields().forEach(field -> forEachStruct(field.type(), path + "." + field.name(), visit));
        } else if (type instanceof HiveType.Array array) {
            forEachStruct(array.element(), path + "[]", visit);
        } else if (type instanceof HiveType.MapOf map) {
            forEachStruct(map.value(), path + "{}", visit);
        }
    }

    /** Every struct field of a type, as dotted paths, depth first. */
    static List<String> fieldPaths(HiveType type, String path) {
        var paths = new ArrayList<String>();
        forEachStruct(type, path, (structPath, struct) -> struct.fields()
                .forEach(field -> paths.add(structPath + "." + field.name())));
        return paths;
    }

    /** Structs with two fields Athena cannot tell apart: it lower-cases every name. */
    static List<String> caseCollisions(HiveType type, String path) {
        var collisions = new ArrayList<String>();
        forEachStruct(type, path, (structPath, struct) -> {
            var seen = new HashMap<String, String>();
            for (var field : struct.fields()) {
                var previous = seen.put(field.name().toLowerCase(Locale.ROOT), field.name());
                if (previous != null) {
                    collisions.add(structPath + ": " + previous + " / " + field.name());
                }
            }
        });
        return collisions;
    }

    @Test
    void everyColumnAndFieldNameIsAPlainIdentifier() {
        var paths = fieldPaths(EventTable.schema(SesEventFixtures.EXAMPLE_MESSAGE_TAGS), "");
        assertTrue(paths.size() > 100, "the walk reaches the nested fields: " + paths.size());
        for (var path : paths) {
            var name = path.substring(path.lastIndexOf('.') + 1);
            assertTrue(PLAIN_IDENTIFIER.matcher(name).matches(), path);
        }
        for (var key : EventTable.partitionKeys(true)) {
            assertTrue(PLAIN_IDENTIFIER.matcher(key.name()).matches(), key.name());
        }
    }

    @Test
    void noTwoNamesDifferOnlyByCase() {
        assertEquals(List.of(), caseCollisions(EventTable.schema(SesEventFixtures.EXAMPLE_MESSAGE_TAGS), ""));
        var columnNames = new ArrayList<String>();
        EventTable.dataColumns(List.of()).forEach(c -> columnNames.add(c.name().toLowerCase(Locale.ROOT)));
        EventTable.partitionKeys(true).forEach(k -> columnNames.add(k.name().toLowerCase(Locale.ROOT)));
        assertEquals(
                columnNames.size(),
                columnNames.stream().distinct().count(),
                "data and partition columns share one namespace: " + columnNames);
    }

    @Test
    void theCheckersSeeAnSesTagKeyUsedAsAFieldNameAndTagsThatDifferOnlyByCase() {
        assertFalse(PLAIN_IDENTIFIER.matcher("ses:source-ip").matches());
        // Settings would have to refuse such a pair: Athena reads both as "campaign".
        assertEquals(
                List.of(".mail.tags: Campaign / campaign"),
                caseCollisions(EventTable.schema(List.of("Campaign", "campaign")), ""));
    }
}
