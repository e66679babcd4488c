package dev.seslogs.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ready-made Athena queries, one readable SQL file each under {@code src/main/resources/athena/},
 * with a header: {@code -- name: ...}, {@code -- description: ...}, and {@code -- archive-only} for
 * queries that need the archive's account column.
 */
public final class NamedQueryFiles {
    /** Listed, not discovered: a directory cannot be listed from inside the fat jar. A test checks the folder matches. */
    public static final List<String> FILES = List.of(
            "delivery-log-of-one-day.sql",
            "bounces-for-a-period.sql",
            "deliveries-since-yesterday.sql",
            "bounces-of-the-last-7-days.sql",
            "complaints-for-a-period.sql",
            "delivery-delays-for-a-period.sql",
            "rejects-and-rendering-failures.sql",
            "recipient-history.sql",
            "daily-sending-counts.sql",
            "daily-counts-per-account.sql");

    public static final String RESOURCE_FOLDER = "athena/";

    public record NamedQuerySql(String fileName, String name, String description, boolean archiveOnly, String sql) {
        /** The Pulumi resource name: the file name without its extension. */
        public String resourceName() {
            return fileName.substring(0, fileName.length() - ".sql".length());
        }
    }

    private NamedQueryFiles() {}

    public static List<NamedQuerySql> all() {
        return FILES.stream().map(NamedQueryFiles::load).toList();
    }

    /** The queries for a table with ({@code perAccount}) or without the account column. */
    public static List<NamedQuerySql> forTable(boolean perAccount) {
        return all().stream()
                .filter(query -> perAccount || !query.archiveOnly())
                .toList();
    }

    static NamedQuerySql load(String fileName) {
        var resource = RESOURCE_FOLDER + fileName;
        try (var in = NamedQueryFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing query resource " + resource);
            }
            var text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String name = null;
            String description = null;
            var archiveOnly = false;
            var sql = new ArrayList<String>();
            for (var line : text.split("\n", -1)) {
                if (line.startsWith("-- name: ")) {
                    name = line.substring("-- name: ".length()).trim();
                } else if (line.startsWith("-- description: ")) {
                    description = line.substring("-- description: ".length()).trim();
                } else if (line.trim().equals("-- archive-only")) {
                    archiveOnly = true;
                } else {
                    sql.add(line);
                }
            }
            if (name == null || description == null) {
                throw new IllegalStateException(resource + " needs '-- name:' and '-- description:' header lines");
            }
            return new NamedQuerySql(
                    fileName,
                    name,
                    description,
                    archiveOnly,
                    String.join("\n", sql).strip() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
