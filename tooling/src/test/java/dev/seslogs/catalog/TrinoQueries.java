package dev.seslogs.catalog;

import dev.seslogs.simulation.StackSimulation;
import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a stack's saved queries on the shared {@link TrinoServer}, over its own Glue table and
 * objects laid out by its own stream, and returns their rows as plain Java values.
 */
final class TrinoQueries {
    static final String NAMED_QUERY_TYPE = "aws:athena/namedQuery:NamedQuery";
    private static final Pattern DAY_LITERAL = Pattern.compile("'\\d{4}/\\d{2}/\\d{2}'");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final TrinoServer trino;
    private final String schema;
    private final Map<String, String> savedQueries = new LinkedHashMap<>();

    /** Creates the stack's table in Trino; the stack's saved queries are then runnable by name. */
    TrinoQueries(TrinoServer trino, StackSimulation.Result stack) {
        this.trino = trino;
        this.schema = GlueTableInTrino.create(trino, stack.one(GlueTableInTrino.TABLE_TYPE));
        stack.ofType(NAMED_QUERY_TYPE).forEach(query -> {
            if (!schema.equals(query.input("database"))) {
                throw new AssertionError(
                        query.input("name") + " runs in database " + query.input("database") + ", not " + schema);
            }
            savedQueries.put((String) query.input("name"), (String) query.input("query"));
        });
    }

    List<String> savedQueryNames() {
        return List.copyOf(savedQueries.keySet());
    }

    /** The saved query's text exactly as the program registers it. */
    String saved(String name) {
        var sql = savedQueries.get(name);
        if (sql == null) {
            throw new AssertionError("no saved query named \"" + name + "\"; the stack saves " + savedQueries.keySet());
        }
        return sql;
    }

    /**
     * The saved query with its example days replaced, as a user does before running it ("Change
     * the two days"): the first day literal becomes {@code from}, the second {@code to}.
     */
    String savedForDays(String name, LocalDate from, LocalDate to) {
        var matcher = DAY_LITERAL.matcher(saved(name));
        var out = new StringBuilder();
        var index = 0;
        while (matcher.find()) {
            matcher.appendReplacement(out, "'" + DAY.format(index++ == 0 ? from : to) + "'");
        }
        matcher.appendTail(out);
        if (index == 0) {
            throw new AssertionError("\"" + name + "\" has no day to change");
        }
        return out.toString();
    }

    /**
     * Rows as column label to value; arrays become lists, rows and maps stay as the driver gives
     * them. {@code parameters} fill the query's {@code ?} in order, as Athena's execution
     * parameters do (the driver sends {@code EXECUTE ... USING}).
     */
    List<Map<String, Object>> rows(String sql, Object... parameters) throws SQLException {
        return measure(sql, Map.of(), parameters).rows();
    }

    /** A query's rows and the bytes its table scans read from storage ({@code physicalInputBytes}). */
    record Measured(List<Map<String, Object>> rows, long physicalInputBytes) {}

    /** Runs a query with session properties set first, and measures what it read. */
    Measured measure(String sql, Map<String, String> session, Object... parameters) throws SQLException {
        try (var connection = trino.connect(schema)) {
            try (var statement = connection.createStatement()) {
                for (var property : session.entrySet()) {
                    statement.execute("SET SESSION " + property.getKey() + " = " + property.getValue());
                }
            }
            var stats = new java.util.concurrent.atomic.AtomicReference<io.trino.jdbc.QueryStats>();
            // A plain statement unless there are parameters: EXPLAIN ANALYZE cannot be prepared.
            try (var statement = parameters.length == 0
                    ? connection.createStatement()
                    : connection.prepareStatement(stripTerminator(sql))) {
                statement.unwrap(io.trino.jdbc.TrinoStatement.class).setProgressMonitor(stats::set);
                if (statement instanceof java.sql.PreparedStatement prepared) {
                    for (var i = 0; i < parameters.length; i++) {
                        prepared.setObject(i + 1, parameters[i]);
                    }
                }
                try (var results = statement instanceof java.sql.PreparedStatement prepared
                        ? prepared.executeQuery()
                        : statement.executeQuery(stripTerminator(sql))) {
                    var metadata = results.getMetaData();
                    var rows = new ArrayList<Map<String, Object>>();
                    while (results.next()) {
                        var row = new LinkedHashMap<String, Object>();
                        for (var column = 1; column <= metadata.getColumnCount(); column++) {
                            row.put(metadata.getColumnLabel(column), plain(results.getObject(column)));
                        }
                        rows.add(row);
                    }
                    return new Measured(
                            rows, stats.get() == null ? -1 : stats.get().getPhysicalInputBytes());
                }
            }
        }
    }

    /** Statements run in order on one connection (session properties hold for the ones after them). */
    void execute(String... statements) throws SQLException {
        try (var connection = trino.connect(schema);
                var statement = connection.createStatement()) {
            for (var sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The stack's Glue database, Trino's schema. */
    String schema() {
        return schema;
    }

    /** The text of {@code EXPLAIN ANALYZE} for a query. */
    String explainAnalyze(String sql, Object... parameters) throws SQLException {
        var plan = new StringBuilder();
        for (var row : rows("EXPLAIN ANALYZE " + stripTerminator(sql), parameters)) {
            plan.append(row.values().iterator().next()).append('\n');
        }
        return plan.toString();
    }

    /** Athena accepts a trailing semicolon; the JDBC driver sends one statement without it. */
    private static String stripTerminator(String sql) {
        var trimmed = sql.strip();
        return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static Object plain(Object value) throws SQLException {
        if (value instanceof Array array) {
            var elements = new ArrayList<Object>();
            for (var element : (Object[]) array.getArray()) {
                elements.add(plain(element));
            }
            return elements;
        }
        if (value instanceof Object[] elements) {
            var list = new ArrayList<Object>();
            for (var element : elements) {
                list.add(plain(element));
            }
            return list;
        }
        return value;
    }

    static String day(LocalDate date) {
        return DAY.format(date);
    }
}
