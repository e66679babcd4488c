package dev.seslogs.catalog;

import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.AliasedRelation;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.SingleColumn;
import io.trino.sql.tree.Table;
import io.trino.sql.tree.Unnest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every named query parses with Athena engine v3's own parser (Trino) and reads only columns the table has. */
class NamedQueriesTest {
    private static final SqlParser TRINO = new SqlParser();

    /** Column references of a query that the table does not have. */
    static List<String> unknownReferences(String sql, boolean perAccount) {
        var statement = TRINO.createStatement(sql.strip().replaceAll(";$", ""));
        var names = new HashMap<String, Optional<HiveType>>();
        EventTable.schema(List.of()).fields().forEach(f -> names.put(lower(f.name()), Optional.of(f.type())));
        EventTable.partitionKeys(perAccount).forEach(k -> names.put(lower(k.name()), Optional.of(HiveType.STRING)));
        var unknown = new ArrayList<String>();
        collectDeclarations(statement, names, unknown);
        checkReferences(statement, names, unknown);
        return unknown;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Names a query defines itself: SELECT aliases, and UNNEST aliases typed by the array they unnest. */
    private static void collectDeclarations(Node node, Map<String, Optional<HiveType>> names, List<String> unknown) {
        if (node instanceof SingleColumn column && column.getAlias().isPresent()) {
            names.putIfAbsent(lower(column.getAlias().get().getValue()), Optional.empty());
        }
        if (node instanceof AliasedRelation aliased && aliased.getRelation() instanceof Unnest unnest) {
            var columns = aliased.getColumnNames();
            for (var i = 0; i < unnest.getExpressions().size() && columns != null && i < columns.size(); i++) {
                var element = resolve(chain(unnest.getExpressions().get(i)), names, unknown)
                        .filter(type -> type instanceof HiveType.Array).map(type -> ((HiveType.Array) type).element());
                names.put(lower(columns.get(i).getValue()), element);
            }
        }
        node.getChildren().forEach(child -> collectDeclarations(child, names, unknown));
    }

    private static void checkReferences(Node node, Map<String, Optional<HiveType>> names, List<String> unknown) {
        if (node instanceof DereferenceExpression || node instanceof Identifier) {
            resolve(chain((Expression) node), names, unknown);
            return;
        }
        if (node instanceof AliasedRelation aliased) {
            checkReferences(aliased.getRelation(), names, unknown);
            return;
        }
        if (node instanceof Table table) {
            assertEquals(EventTable.TABLE_NAME, table.getName().toString(), "queries read the seslogs table");
        }
        node.getChildren().forEach(child -> checkReferences(child, names, unknown));
    }

    /** {@code mail.commonHeaders.subject} as [mail, commonHeaders, subject]; empty for anything else. */
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

    private static Optional<HiveType> resolve(List<String> chain, Map<String, Optional<HiveType>> names, List<String> unknown) {
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        var root = names.get(lower(chain.get(0)));
        if (root == null) {
            unknown.add(String.join(".", chain));
            return Optional.empty();
        }
        var type = root;
        for (var segment : chain.subList(1, chain.size())) {
            if (type.isEmpty()) {
                return Optional.empty();
            }
            if (!(type.get() instanceof HiveType.Struct struct) || struct.field(segment).isEmpty()) {
                unknown.add(String.join(".", chain));
                return Optional.empty();
            }
            type = struct.field(segment);
        }
        return type;
    }

    @Test
    void everyQueryParsesAsTrinoSqlAndReadsOnlyExistingColumns() {
        for (var query : NamedQueryFiles.all()) {
            var statement = TRINO.createStatement(query.sql().strip().replaceAll(";$", ""));
            assertTrue(statement instanceof Query, query.fileName() + " is a query");
            assertEquals(List.of(), unknownReferences(query.sql(), query.archiveOnly()), query.fileName());
            if (!query.archiveOnly()) {
                assertEquals(List.of(), unknownReferences(query.sql(), true), query.fileName() + " must also work on an archive's table");
            }
        }
    }

    @Test
    void theCheckerCatchesAColumnTheTableDoesNotHave() {
        assertEquals(List.of("mail.commonHeaders.sender", "bounce.reason"),
                unknownReferences("SELECT mail.commonHeaders.sender, bounce.reason FROM seslogs WHERE day = '2024/01/01'", false));
        assertEquals(List.of("account"), unknownReferences("SELECT account FROM seslogs", false), "no account column outside an archive");
        assertEquals(List.of("recipient.status"),
                unknownReferences("SELECT recipient.status FROM seslogs CROSS JOIN UNNEST(complaint.complainedRecipients) AS t (recipient)", false));
    }

    @Test
    void theArticlesTwoQueriesAreThereUnchanged() {
        var delivery = NamedQueryFiles.load("delivery-log-of-one-day.sql").sql();
        assertEquals("SELECT * FROM seslogs\nwhere event_type = 'Delivery'\nand day = '2024/07/08';\n", delivery);
        var bounces = NamedQueryFiles.load("bounces-for-a-period.sql").sql();
        assertTrue(bounces.startsWith("SELECT\nbounce.bounceType as bouncebounceType\n"));
        assertTrue(bounces.contains(", element_at(mail.headers,2) as replyto\n, mail.tags.ses_source_ip as ses_source_ip\n"));
        assertTrue(bounces.endsWith("where event_type = 'Bounce'\nand day between '2024/11/01' and '2024/11/30';\n"));
    }

    @Test
    void everySqlFileIsListedAndDescribed() throws IOException {
        var onDisk = new TreeSet<String>();
        try (var files = Files.list(Path.of("src/main/resources", NamedQueryFiles.RESOURCE_FOLDER))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).forEach(onDisk::add);
        }
        assertEquals(onDisk, new TreeSet<>(NamedQueryFiles.FILES), "NamedQueryFiles.FILES must list every file in the folder");
        for (var query : NamedQueryFiles.all()) {
            assertFalse(query.name().isBlank());
            assertTrue(query.name().length() <= 128 && query.description().length() <= 1024, query.fileName() + ": Athena's limits");
            assertFalse(query.sql().contains("-- name:"), "header lines are not part of the SQL");
        }
    }

    @Test
    void onlyArchivesGetTheQueriesThatNeedTheAccountColumn() {
        assertTrue(NamedQueryFiles.forTable(false).stream().noneMatch(NamedQueryFiles.NamedQuerySql::archiveOnly));
        assertEquals(NamedQueryFiles.FILES.size(), NamedQueryFiles.forTable(true).size());
        assertTrue(NamedQueryFiles.forTable(false).size() >= 7, "the article's two and at least five more");
    }
}
