package dev.seslogs.catalog;

import static dev.seslogs.ComponentTests.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import dev.seslogs.ComponentTests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryCatalogUnitTest {
    private static final String TABLE = "aws:glue/catalogTable:CatalogTable";
    private static final String DATABASE = "aws:glue/catalogDatabase:CatalogDatabase";
    private static final String WORKGROUP = "aws:athena/workgroup:Workgroup";
    private static final String QUERY = "aws:athena/namedQuery:NamedQuery";
    private static final List<String> MEMBERS = List.of("444455556666", "777788889999");

    private static ComponentTests.Built<QueryCatalog> catalog(
            int scanLimitMb, boolean perAccount, List<String> members) {
        return ComponentTests.build(f -> new QueryCatalog(
                "query-catalog",
                new QueryCatalog.Args(
                        Map.of("Cost", "SES"),
                        400,
                        scanLimitMb,
                        List.of("campaign"),
                        perAccount,
                        members,
                        dev.seslogs.config.LogFormat.JSON),
                f.names(),
                Output.of("the-bucket"),
                f.options()));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> partitionKeys(ComponentTests.Built<QueryCatalog> built) {
        return ((List<Map<String, Object>>) input(built.one(TABLE), "partitionKeys"))
                .stream().map(key -> key.get("name")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(ComponentTests.Built<QueryCatalog> built) {
        return (Map<String, Object>) input(built.one(TABLE), "parameters");
    }

    @Test
    void aStandaloneTableHasNoAccountPartition() {
        var built = catalog(1024, false, List.of());
        assertEquals(List.of("event_type", "day"), partitionKeys(built));
        var parameters = parameters(built);
        assertEquals("s3://the-bucket/partitioned/${event_type}/${day}/", parameters.get("storage.location.template"));
        assertFalse(
                parameters.keySet().stream().anyMatch(key -> key.startsWith("projection.account")),
                parameters.toString());
        assertEquals(
                "NOW-400DAYS,NOW",
                parameters.get("projection.day.range"),
                "partitions reach back as far as the retention");
        var table = built.one(TABLE);
        assertEquals("seslogs", input(table, "name"));
        assertEquals("ses_logs_eu_west_1", input(table, "databaseName"));
        assertEquals("s3://the-bucket/partitioned/", input(table, "storageDescriptor.location"));
        assertEquals("ses_logs_eu_west_1", input(built.one(DATABASE), "name"));
        assertEquals("ses_logs_eu_west_1", built.value(QueryCatalog::databaseName));
        assertEquals("seslogs", built.value(QueryCatalog::tableName));
    }

    @Test
    void anArchiveTableIsPartitionedByTheMemberAccountsFirst() {
        var built = catalog(1024, true, MEMBERS);
        assertEquals(List.of("account", "event_type", "day"), partitionKeys(built));
        var parameters = parameters(built);
        assertEquals("enum", parameters.get("projection.account.type"));
        assertEquals("444455556666,777788889999", parameters.get("projection.account.values"));
        assertEquals(
                "s3://the-bucket/partitioned/${account}/${event_type}/${day}/",
                parameters.get("storage.location.template"));
    }

    @Test
    void theWorkgroupEnforcesTheScanCutoffInBytesAndItsResultsLocation() {
        var workgroup = catalog(10, false, List.of()).one(WORKGROUP);
        assertEquals("ses-logs-eu-west-1", input(workgroup, "name"));
        assertEquals(10.0 * 1024 * 1024, input(workgroup, "configuration.bytesScannedCutoffPerQuery"));
        assertEquals(true, input(workgroup, "configuration.enforceWorkgroupConfiguration"));
        assertEquals(
                "s3://the-bucket/athenaAdhocQueries/",
                input(workgroup, "configuration.resultConfiguration.outputLocation"));
        assertEquals("Athena engine version 3", input(workgroup, "configuration.engineVersion.selectedEngineVersion"));
        assertEquals(
                1024.0 * 1024 * 1024,
                input(catalog(1024, false, List.of()).one(WORKGROUP), "configuration.bytesScannedCutoffPerQuery"));
    }

    @Test
    void savedQueriesRunInTheWorkgroupAndOnlyAnArchiveHasThePerAccountOne() {
        var standalone = catalog(1024, false, List.of());
        var names = standalone.ofType(QUERY).stream()
                .map(query -> input(query, "name"))
                .toList();
        assertEquals(
                9,
                names.size(),
                "the article's two, five for recent days, one recipient's history, daily counts: " + names);
        assertFalse(names.contains("Daily counts per member account"));
        standalone.ofType(QUERY).forEach(query -> {
            assertEquals("ses-logs-eu-west-1", input(query, "workgroup"));
            assertEquals("ses_logs_eu_west_1", input(query, "database"));
        });
        var archive = catalog(1024, true, MEMBERS).ofType(QUERY).stream()
                .map(query -> input(query, "name"))
                .toList();
        assertEquals(10, archive.size(), archive.toString());
        assertTrue(archive.contains("Daily counts per member account"));
    }
}
