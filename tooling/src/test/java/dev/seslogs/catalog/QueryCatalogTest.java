package dev.seslogs.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seslogs.Stacks;
import dev.seslogs.simulation.StackSimulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        assertTrue(
                name.matches("[a-z_][a-z0-9_]*"), "the article's ses-logs-<region> needs back-quotes in every query");
        assertEquals(Map.of("Cost", "SES"), database.input("tags"));
        assertEquals(name, stack.exports().get("glueDatabaseName"));
    }

    @Test
    void workgroupEnforcesResultsLocationEncryptionAndScanCutoff() {
        var workgroup = stack.one("aws:athena/workgroup:Workgroup");
        assertEquals("ses-logs-ap-northeast-1", workgroup.input("name"));
        assertEquals("ENABLED", workgroup.input("state"));
        assertEquals(
                true,
                workgroup.input("configuration.enforceWorkgroupConfiguration"),
                "users cannot send results elsewhere or lift the cutoff");
        assertEquals(true, workgroup.input("configuration.publishCloudwatchMetricsEnabled"));
        assertEquals(1024 * 1024 * 1024, workgroup.input("configuration.bytesScannedCutoffPerQuery"));
        assertEquals(
                "s3://ses-logs-123456789012-ap-northeast-1/athenaAdhocQueries/",
                workgroup.input("configuration.resultConfiguration.outputLocation"));
        assertEquals(
                "SSE_S3",
                workgroup.input("configuration.resultConfiguration.encryptionConfiguration.encryptionOption"));
        assertEquals("Athena engine version 3", workgroup.input("configuration.engineVersion.selectedEngineVersion"));
        assertEquals(Map.of("Cost", "SES"), workgroup.input("tags"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTableTheArticleQueriesExistsOverTheStreamsPrefix() {
        var table = stack.one("aws:glue/catalogTable:CatalogTable");
        assertEquals("seslogs", table.input("name"));
        assertEquals("ses_logs_ap_northeast_1", table.input("databaseName"));
        assertEquals("EXTERNAL_TABLE", table.input("tableType"));
        assertEquals(
                "s3://ses-logs-123456789012-ap-northeast-1/partitioned/", table.input("storageDescriptor.location"));
        assertEquals(
                "org.openx.data.jsonserde.JsonSerDe", table.input("storageDescriptor.serDeInfo.serializationLibrary"));
        assertEquals(
                "ses:source-ip",
                ((Map<String, String>) table.input("storageDescriptor.serDeInfo.parameters"))
                        .get("mapping.ses_source_ip"));
        var parameters = (Map<String, String>) table.input("parameters");
        assertEquals(
                "s3://ses-logs-123456789012-ap-northeast-1/partitioned/${event_type}/${day}/",
                parameters.get("storage.location.template"));
        assertEquals("NOW-400DAYS,NOW", parameters.get("projection.day.range"));
        assertEquals(
                "Send,Reject,Bounce,Complaint,Delivery,Open,Click,RenderingFailure,DeliveryDelay,Subscription",
                parameters.get("projection.event_type.values"));
        var keys = (List<Map<String, Object>>) table.input("partitionKeys");
        assertEquals(
                List.of("event_type", "day"),
                keys.stream().map(k -> k.get("name")).toList());
        var columns = (List<Map<String, Object>>) table.input("storageDescriptor.columns");
        assertEquals(
                List.of(
                        "eventType",
                        "mail",
                        "send",
                        "reject",
                        "bounce",
                        "complaint",
                        "delivery",
                        "open",
                        "click",
                        "failure",
                        "deliveryDelay",
                        "subscription"),
                columns.stream().map(c -> c.get("name")).toList());
        var mail = (String) columns.get(1).get("type");
        assertTrue(
                mail.contains(
                        "tags:struct<ses_operation:array<string>,ses_configuration_set:array<string>,ses_source_ip:array<string>"),
                mail);
        assertTrue(mail.contains("headers:array<struct<name:string,value:string>>"), mail);
    }

    @Test
    @SuppressWarnings("unchecked")
    void declaredMessageTagsBecomeColumnsAndRetentionLimitsTheDays() {
        var tagged = Stacks.run(Stacks.with(
                        Stacks.with(Stacks.typicalConfig(), "messageTags", "[\"campaign\"]"), "retentionDays", "90"))
                .orThrow();
        var table = tagged.one("aws:glue/catalogTable:CatalogTable");
        var columns = (List<Map<String, Object>>) table.input("storageDescriptor.columns");
        assertTrue(((String) columns.get(1).get("type")).contains(",campaign:array<string>>"));
        assertEquals("NOW-90DAYS,NOW", ((Map<String, String>) table.input("parameters")).get("projection.day.range"));
    }

    @Test
    void theReadyMadeQueriesAreSavedInTheWorkgroup() {
        var queries = stack.ofType("aws:athena/namedQuery:NamedQuery");
        assertEquals(NamedQueryFiles.forTable(false).size(), queries.size());
        var byName = queries.stream().collect(java.util.stream.Collectors.toMap(q -> (String) q.input("name"), q -> q));
        assertTrue(byName.keySet()
                .containsAll(List.of(
                        "Delivery log of one day",
                        "Bounces for a period",
                        "Deliveries since yesterday",
                        "Bounces of the last 7 days",
                        "Complaints of the last 7 days",
                        "Delivery delays of the last 7 days",
                        "Rejects and rendering failures of the last 7 days",
                        "Event history of one recipient",
                        "Daily sending counts and rates")));
        for (var query : queries) {
            assertEquals("ses-logs-ap-northeast-1", query.input("workgroup"));
            assertEquals("ses_logs_ap_northeast_1", query.input("database"));
            assertTrue(query.dependencies()
                    .contains(stack.one("aws:glue/catalogTable:CatalogTable").urn()));
        }
        assertEquals(
                NamedQueryFiles.load("delivery-log-of-one-day.sql").sql(),
                byName.get("Delivery log of one day").input("query"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anArchiveTableHasTheAccountPartitionAndThePerAccountQuery() {
        var archive = Stacks.run(java.util.Map.of(
                        "ses-logs:region",
                        "ap-northeast-1",
                        "ses-logs:topology",
                        "archive",
                        "ses-logs:memberAccounts",
                        "[\"222222222222\", \"444444444444\"]"))
                .orThrow();
        var table = archive.one("aws:glue/catalogTable:CatalogTable");
        var keys = (List<Map<String, Object>>) table.input("partitionKeys");
        assertEquals(
                List.of("account", "event_type", "day"),
                keys.stream().map(k -> k.get("name")).toList());
        var parameters = (Map<String, String>) table.input("parameters");
        assertEquals("222222222222,444444444444", parameters.get("projection.account.values"));
        assertTrue(
                parameters.get("storage.location.template").endsWith("/partitioned/${account}/${event_type}/${day}/"));
        assertTrue(archive.ofType("aws:athena/namedQuery:NamedQuery").stream()
                .anyMatch(q -> "Daily counts per member account".equals(q.input("name"))));
    }

    @Test
    void scanCutoffFollowsTheSetting() {
        var small = Stacks.run(Stacks.with(Stacks.typicalConfig(), "queryScanLimitMb", "10"))
                .orThrow();
        assertEquals(
                10 * 1024 * 1024,
                small.one("aws:athena/workgroup:Workgroup").input("configuration.bytesScannedCutoffPerQuery"));
        var largest = Stacks.run(Stacks.with(Stacks.typicalConfig(), "queryScanLimitMb", "2047"))
                .orThrow();
        assertEquals(
                2047 * 1024 * 1024,
                largest.one("aws:athena/workgroup:Workgroup").input("configuration.bytesScannedCutoffPerQuery"));
    }
}
