package dev.seslogs.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The saved query files: listed, described, within Athena's limits, and the article's two kept
 * as it wrote them. Whether each query runs on Athena engine 3 and returns the right rows is
 * proven on a real Trino ({@link StandaloneQueriesOnTrinoTest}, {@link ArchiveQueriesOnTrinoTest}).
 */
class NamedQueriesTest {
    @Test
    void theArticlesTwoQueriesAreThereUnchanged() {
        var delivery = NamedQueryFiles.load("delivery-log-of-one-day.sql").sql();
        assertEquals("SELECT * FROM seslogs\nwhere event_type = 'Delivery'\nand day = '2024/07/08';\n", delivery);
        var bounces = NamedQueryFiles.load("bounces-for-a-period.sql").sql();
        assertTrue(bounces.startsWith("SELECT\nbounce.bounceType as bouncebounceType\n"));
        assertTrue(bounces.contains(
                ", element_at(mail.headers,2) as replyto\n, mail.tags.ses_source_ip as ses_source_ip\n"));
        assertTrue(bounces.endsWith("where event_type = 'Bounce'\nand day between '2024/11/01' and '2024/11/30';\n"));
    }

    @Test
    void everySqlFileIsListedAndDescribed() throws IOException {
        var onDisk = new TreeSet<String>();
        try (var files = Files.list(Path.of("src/main/resources", NamedQueryFiles.RESOURCE_FOLDER))) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sql"))
                    .forEach(onDisk::add);
        }
        assertEquals(
                onDisk,
                new TreeSet<>(NamedQueryFiles.FILES),
                "NamedQueryFiles.FILES must list every file in the folder");
        for (var query : NamedQueryFiles.all()) {
            assertFalse(query.name().isBlank());
            assertTrue(
                    query.name().length() <= 128 && query.description().length() <= 1024,
                    query.fileName() + ": Athena's limits");
            assertFalse(query.sql().contains("-- name:"), "header lines are not part of the SQL");
        }
    }

    @Test
    void onlyArchivesGetTheQueriesThatNeedTheAccountColumn() {
        assertTrue(NamedQueryFiles.forTable(false).stream().noneMatch(NamedQueryFiles.NamedQuerySql::archiveOnly));
        assertEquals(
                NamedQueryFiles.FILES.size(), NamedQueryFiles.forTable(true).size());
        assertTrue(NamedQueryFiles.forTable(false).size() >= 7, "the article's two and at least five more");
    }

    @Test
    void aQuestionMarkIsAnExecutionParameterAndAppearsNowhereElse() {
        // The Athena console asks for one value per ?; one in a comment or a string would be
        // asked for too, or break the query. Only the recipient history takes one.
        for (var query : NamedQueryFiles.all()) {
            var marks = query.sql().chars().filter(c -> c == '?').count();
            assertEquals(query.fileName().equals("recipient-history.sql") ? 1 : 0, marks, query.fileName());
            query.sql()
                    .lines()
                    .filter(line -> line.strip().startsWith("--"))
                    .forEach(comment -> assertFalse(comment.contains("?"), query.fileName() + ": " + comment));
        }
        assertTrue(NamedQueryFiles.load("recipient-history.sql").description().contains("asks for the address"));
    }
}
