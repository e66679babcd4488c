package dev.seslogs.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.BetweenPredicate;
import io.trino.sql.tree.ComparisonExpression;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.InListExpression;
import io.trino.sql.tree.InPredicate;
import io.trino.sql.tree.LogicalExpression;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.QuerySpecification;
import io.trino.sql.tree.StringLiteral;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * With partition projection a predicate on a value the projection does not produce is not an
 * error: Athena computes no partition and the query returns zero rows. So every literal a named
 * query compares with {@code event_type} or {@code day} must be a value the table projects
 * ({@code RenderingFailure}, not SES's {@code Rendering Failure}; {@code 2024/11/01}, not
 * {@code 2024-11-01}), and every query must restrict {@code day}, or it scans the whole archive
 * into the workgroup's scan cutoff.
 */
class QueryPartitionPredicatesTest {
    private static final SqlParser TRINO = new SqlParser();
    private static final Map<String, String> PROJECTION = EventTable.tableParameters("example-bucket", 400, List.of());

    /** The article's two queries, copied from the article (shared/seed), including its lower-case keywords. */
    private static final String ARTICLE_DELIVERY_LOG =
            """
            SELECT * FROM seslogs
            where event_type = 'Delivery'
            and day = '2024/07/08';
            """;

    private static final String ARTICLE_BOUNCE_REPORT =
            """
            SELECT
            bounce.bounceType as bouncebounceType
            , bounce.bouncesubtype as bouncebouncesubtype
            , bounce.feedbackid as bouncefeedbackid
            , bounce.timestamp as bouncetimestamp
            , bounce.reportingMTA as bouncereportingmta
            , mail.messageId as messageid
            , mail.timestamp as timestamp
            , mail.source as source
            , mail.commonHeaders.subject as subject
            , mail.commonHeaders.to as to
            , element_at(mail.headers,2) as replyto
            , mail.tags.ses_source_ip as ses_source_ip
            , mail.tags.ses_outgoing_ip as ses_outgoing_ip
            FROM seslogs
            where event_type = 'Bounce'
            and day between '2024/11/01' and '2024/11/30';
            """;

    /** Literals compared with a partition column that the projection would not produce. */
    static List<String> unprojectedLiterals(String sql) {
        var problems = new ArrayList<String>();
        collectPartitionLiterals(TRINO.createStatement(strip(sql)), problems);
        return problems;
    }

    /**
     * Whether every SELECT that reads the table (the query itself, or the WITH query that reads
     * it) restricts {@code day} in its WHERE clause, as a conjunction.
     */
    static boolean restrictsDay(String sql) {
        var readers = new ArrayList<QuerySpecification>();
        collectTableReaders(TRINO.createStatement(strip(sql)), readers);
        return !readers.isEmpty()
                && readers.stream()
                        .allMatch(spec -> spec.getWhere().isPresent()
                                && conjuncts(spec.getWhere().get()).anyMatch(term -> partitionColumnOf(term)
                                        .filter("day"::equals)
                                        .isPresent()));
    }

    private static void collectTableReaders(Node node, List<QuerySpecification> readers) {
        if (node instanceof QuerySpecification spec
                && spec.getFrom().isPresent()
                && readsTable(spec.getFrom().get())) {
            readers.add(spec);
        }
        node.getChildren().forEach(child -> collectTableReaders(child, readers));
    }

    private static boolean readsTable(Node relation) {
        if (relation instanceof io.trino.sql.tree.Table table) {
            return table.getName().getSuffix().equalsIgnoreCase(EventTable.TABLE_NAME);
        }
        if (relation instanceof io.trino.sql.tree.Query || relation instanceof io.trino.sql.tree.TableSubquery) {
            return false;
        }
        return relation.getChildren().stream().anyMatch(QueryPartitionPredicatesTest::readsTable);
    }

    private static String strip(String sql) {
        return sql.strip().replaceAll(";$", "");
    }

    private static Stream<Expression> conjuncts(Expression expression) {
        if (expression instanceof LogicalExpression logical
                && logical.getOperator() == LogicalExpression.Operator.AND) {
            return logical.getTerms().stream().flatMap(QueryPartitionPredicatesTest::conjuncts);
        }
        return Stream.of(expression);
    }

    /** The partition column a simple predicate tests ({@code col = 'x'}, {@code col BETWEEN}, {@code col IN}). */
    private static java.util.Optional<String> partitionColumnOf(Expression predicate) {
        Expression subject = null;
        if (predicate instanceof ComparisonExpression comparison) {
            subject = comparison.getLeft() instanceof Identifier ? comparison.getLeft() : comparison.getRight();
        } else if (predicate instanceof BetweenPredicate between) {
            subject = between.getValue();
        } else if (predicate instanceof InPredicate in) {
            subject = in.getValue();
        }
        if (subject instanceof Identifier identifier) {
            var name = identifier.getValue().toLowerCase(Locale.ROOT);
            if (name.equals(EventTable.EVENT_TYPE) || name.equals(EventTable.DAY)) {
                return java.util.Optional.of(name);
            }
        }
        return java.util.Optional.empty();
    }

    private static void collectPartitionLiterals(Node node, List<String> problems) {
        if (node instanceof Expression expression) {
            partitionColumnOf(expression)
                    .ifPresent(column -> literalsOf(expression).forEach(literal -> {
                        if (!isProjected(column, literal)) {
                            problems.add(column + " '" + literal + "'");
                        }
                    }));
        }
        node.getChildren().forEach(child -> collectPartitionLiterals(child, problems));
    }

    private static List<String> literalsOf(Expression predicate) {
        List<Expression> operands = List.of();
        if (predicate instanceof ComparisonExpression comparison) {
            operands = List.of(comparison.getLeft(), comparison.getRight());
        } else if (predicate instanceof BetweenPredicate between) {
            operands = List.of(between.getMin(), between.getMax());
        } else if (predicate instanceof InPredicate in && in.getValueList() instanceof InListExpression list) {
            operands = list.getValues();
        }
        return operands.stream()
                .filter(StringLiteral.class::isInstance)
                .map(e -> ((StringLiteral) e).getValue())
                .toList();
    }

    private static boolean isProjected(String column, String literal) {
        if (column.equals(EventTable.EVENT_TYPE)) {
            return Arrays.asList(PROJECTION.get("projection.event_type.values").split(","))
                    .contains(literal);
        }
        var format = DateTimeFormatter.ofPattern(PROJECTION.get("projection.day.format"));
        try {
            return format.format(LocalDate.parse(literal, format)).equals(literal);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    @Test
    void theArticlesTwoQueriesAreSavedVerbatim() {
        assertEquals(
                ARTICLE_DELIVERY_LOG,
                NamedQueryFiles.load("delivery-log-of-one-day.sql").sql());
        assertEquals(
                ARTICLE_BOUNCE_REPORT,
                NamedQueryFiles.load("bounces-for-a-period.sql").sql());
    }

    @Test
    void everyPartitionLiteralIsAValueTheProjectionProduces() {
        for (var query : NamedQueryFiles.all()) {
            assertEquals(List.of(), unprojectedLiterals(query.sql()), query.fileName());
        }
    }

    @Test
    void everyQueryRestrictsTheDaySoItDoesNotScanTheWholeArchive() {
        for (var query : NamedQueryFiles.all()) {
            assertTrue(restrictsDay(query.sql()), query.fileName() + " has no day predicate in its WHERE conjunction");
        }
    }

    @Test
    void valuesThatWouldSilentlyReturnNothingAreCaught() {
        assertEquals(
                List.of("event_type 'Rendering Failure'", "day '2024-11-01'", "day '2024/11/31'"),
                unprojectedLiterals(
                        "SELECT * FROM seslogs WHERE event_type IN ('Reject', 'Rendering Failure') AND day BETWEEN '2024-11-01' AND '2024/11/31'"));
        assertEquals(
                List.of("event_type 'delivery'"),
                unprojectedLiterals("SELECT count_if(event_type = 'delivery') FROM seslogs WHERE day = '2024/11/01'"),
                "enum projection is case-sensitive");
        assertTrue(!restrictsDay("SELECT * FROM seslogs WHERE event_type = 'Bounce'"));
        assertTrue(
                !restrictsDay("SELECT * FROM seslogs WHERE event_type = 'Bounce' OR day = '2024/11/01'"),
                "an OR does not prune");
        assertTrue(
                !restrictsDay("WITH x AS (SELECT day AS d FROM seslogs) SELECT * FROM x WHERE d >= '2024/11/01'"),
                "a restriction outside the query that reads the table does not prune");
        assertTrue(
                restrictsDay(
                        "WITH x AS (SELECT mail FROM seslogs WHERE day >= date_format(current_date, '%Y/%m/%d')) SELECT * FROM x"));
    }
}
