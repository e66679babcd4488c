package dev.seslogs.catalog;

import dev.seslogs.Stacks;
import dev.seslogs.simulation.StackSimulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryCatalogTest {
    private static StackSimulation.Result stack;

    @BeforeAll
    static void deploy() {
        stack = Stacks.typical();
    }

    @Test
    void databaseNameNeedsNoQuotingInAthena() {
        var database = stack.one("aws:glue/catalogDatabase:CatalogDatabase");
        var name = (String) database.input("name");
        assertEquals("ses_logs_ap_northeast_1", name);
        assertTrue(name.matches("[a-z_][a-z0-9_]*"), "the article's ses-logs-<region> needs back-quotes in every query");
        assertEquals(Map.of("Cost", "SES"), database.input("tags"));
        assertEquals(name, stack.exports().get("glueDatabaseName"));
    }

    @Test
    void workgroupEnforcesResultsLocationEncryptionAndScanCutoff() {
        var workgroup = stack.one("aws:athena/workgroup:Workgroup");
        assertEquals("ses-logs-ap-northeast-1", workgroup.input("name"));
        assertEquals("ENABLED", workgroup.input("state"));
        assertEquals(true, workgroup.input("configuration.enforceWorkgroupConfiguration"),
                "users cannot send results elsewhere or lift the cutoff");
        assertEquals(true, workgroup.input("configuration.publishCloudwatchMetricsEnabled"));
        assertEquals(1024 * 1024 * 1024, workgroup.input("configuration.bytesScannedCutoffPerQuery"));
        assertEquals("s3://ses-logs-123456789012-ap-northeast-1/athenaAdhocQueries/",
                workgroup.input("configuration.resultConfiguration.outputLocation"));
        assertEquals("SSE_S3", workgroup.input("configuration.resultConfiguration.encryptionConfiguration.encryptionOption"));
        assertEquals("Athena engine version 3", workgroup.input("configuration.engineVersion.selectedEngineVersion"));
        assertEquals(Map.of("Cost", "SES"), workgroup.input("tags"));
    }

    @Test
    void scanCutoffFollowsTheSetting() {
        var small = Stacks.run(Stacks.with(Stacks.typicalConfig(), "queryScanLimitMb", "10")).orThrow();
        assertEquals(10 * 1024 * 1024, small.one("aws:athena/workgroup:Workgroup").input("configuration.bytesScannedCutoffPerQuery"));
        var largest = Stacks.run(Stacks.with(Stacks.typicalConfig(), "queryScanLimitMb", "2047")).orThrow();
        assertEquals(2047 * 1024 * 1024, largest.one("aws:athena/workgroup:Workgroup").input("configuration.bytesScannedCutoffPerQuery"));
    }
}
