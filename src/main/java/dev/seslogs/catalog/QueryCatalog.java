package dev.seslogs.catalog;

import com.pulumi.aws.athena.NamedQuery;
import com.pulumi.aws.athena.NamedQueryArgs;
import com.pulumi.aws.athena.Workgroup;
import com.pulumi.aws.athena.WorkgroupArgs;
import com.pulumi.aws.athena.inputs.WorkgroupConfigurationArgs;
import com.pulumi.aws.athena.inputs.WorkgroupConfigurationEngineVersionArgs;
import com.pulumi.aws.athena.inputs.WorkgroupConfigurationResultConfigurationArgs;
import com.pulumi.aws.athena.inputs.WorkgroupConfigurationResultConfigurationEncryptionConfigurationArgs;
import com.pulumi.aws.glue.CatalogDatabase;
import com.pulumi.aws.glue.CatalogDatabaseArgs;
import com.pulumi.aws.glue.CatalogTable;
import com.pulumi.aws.glue.CatalogTableArgs;
import com.pulumi.aws.glue.inputs.CatalogTablePartitionKeyArgs;
import com.pulumi.aws.glue.inputs.CatalogTableStorageDescriptorArgs;
import com.pulumi.aws.glue.inputs.CatalogTableStorageDescriptorColumnArgs;
import com.pulumi.aws.glue.inputs.CatalogTableStorageDescriptorSerDeInfoArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.seslogs.archive.LogArchive;
import dev.seslogs.aws.PhysicalNames;
import dev.seslogs.config.LogFormat;
import java.util.List;
import java.util.Map;

/**
 * What Athena needs to query the logs: the Glue database and table over the log bucket, a
 * workgroup whose settings users cannot override (results location, encryption, scan cutoff), and
 * the ready-made queries saved in it.
 */
public final class QueryCatalog extends ComponentResource {
    public static final String TYPE = "ses-logs:index:QueryCatalog";
    public static final String ATHENA_ENGINE_VERSION = "Athena engine version 3";
    private static final long BYTES_PER_MIB = 1024L * 1024L;

    private final Output<String> databaseName;
    private final Output<String> workgroupName;
    private final Output<String> tableName;
    private final CatalogTable table;

    /**
     * @param tags           tags of the database, table and workgroup
     * @param retentionDays  days of logs the table's partition projection reaches back
     * @param scanLimitMb    the workgroup's per-query bytes-scanned cutoff, in MiB
     * @param messageTags    custom message tags declared as columns of {@code mail.tags}
     * @param perAccount     the logs of several accounts (an archive): an {@code account} partition, per-account queries
     * @param memberAccounts the accounts the {@code account} partition enumerates (empty unless perAccount)
     * @param logFormat      how the stream writes the objects the table reads: GZIP JSON or Parquet
     */
    public record Args(
            Map<String, String> tags,
            int retentionDays,
            int scanLimitMb,
            List<String> messageTags,
            boolean perAccount,
            List<String> memberAccounts,
            LogFormat logFormat) {
        public Args {
            tags = Map.copyOf(tags);
            messageTags = List.copyOf(messageTags);
            memberAccounts = List.copyOf(memberAccounts);
            // The account partition is projected from the member accounts: one without the other
            // would be a partition nothing fills, or accounts no query can select.
            if (perAccount == memberAccounts.isEmpty()) {
                throw new IllegalArgumentException(
                        "perAccount needs the member accounts, and member accounts need perAccount");
            }
        }
    }

    public QueryCatalog(
            String name,
            Args settings,
            PhysicalNames names,
            Output<String> bucketName,
            ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var database = new CatalogDatabase(
                "log-database",
                CatalogDatabaseArgs.builder()
                        .name(names.glueDatabase())
                        .description("SES sending events delivered by the ses-logs event stream")
                        .tags(settings.tags())
                        .build(),
                child);

        var workgroup = new Workgroup(
                "query-workgroup",
                WorkgroupArgs.builder()
                        .name(names.queryWorkgroup())
                        .description("Queries over the SES sending logs")
                        .state("ENABLED")
                        // Deleting the workgroup deletes its saved queries and history, never the logs.
                        .forceDestroy(true)
                        .configuration(WorkgroupConfigurationArgs.builder()
                                .enforceWorkgroupConfiguration(true)
                                .publishCloudwatchMetricsEnabled(true)
                                .bytesScannedCutoffPerQuery(Math.toIntExact(settings.scanLimitMb() * BYTES_PER_MIB))
                                .engineVersion(WorkgroupConfigurationEngineVersionArgs.builder()
                                        .selectedEngineVersion(ATHENA_ENGINE_VERSION)
                                        .build())
                                .resultConfiguration(WorkgroupConfigurationResultConfigurationArgs.builder()
                                        .outputLocation(Output.format(
                                                "s3://%s/%s", bucketName, LogArchive.QUERY_RESULTS_PREFIX))
                                        .encryptionConfiguration(
                                                WorkgroupConfigurationResultConfigurationEncryptionConfigurationArgs
                                                        .builder()
                                                        .encryptionOption("SSE_S3")
                                                        .build())
                                        .build())
                                .build())
                        .tags(settings.tags())
                        .build(),
                child);

        var perAccount = settings.perAccount();
        var table = new CatalogTable(
                "event-table",
                CatalogTableArgs.builder()
                        .databaseName(database.name())
                        .name(EventTable.TABLE_NAME)
                        .description("One row per SES event; partitions by projection (no crawler, no MSCK REPAIR)")
                        .tableType("EXTERNAL_TABLE")
                        .parameters(bucketName.applyValue(bucket -> EventTable.tableParameters(
                                bucket, settings.retentionDays(), settings.memberAccounts(), settings.logFormat())))
                        .partitionKeys(EventTable.partitionKeys(perAccount).stream()
                                .map(key -> CatalogTablePartitionKeyArgs.builder()
                                        .name(key.name())
                                        .type(key.type())
                                        .comment(key.comment())
                                        .build())
                                .toList())
                        .storageDescriptor(CatalogTableStorageDescriptorArgs.builder()
                                .location(bucketName.applyValue(EventTable::location))
                                .inputFormat(EventTable.inputFormat(settings.logFormat()))
                                .outputFormat(EventTable.outputFormat(settings.logFormat()))
                                .serDeInfo(CatalogTableStorageDescriptorSerDeInfoArgs.builder()
                                        .serializationLibrary(EventTable.serdeLibrary(settings.logFormat()))
                                        .parameters(EventTable.serdeParameters(settings.logFormat()))
                                        .build())
                                .columns(EventTable.dataColumns(settings.messageTags()).stream()
                                        .map(column -> CatalogTableStorageDescriptorColumnArgs.builder()
                                                .name(column.name())
                                                .type(column.type())
                                                .comment(column.comment())
                                                .build())
                                        .toList())
                                .build())
                        .build(),
                child);

        for (var query : NamedQueryFiles.forTable(perAccount)) {
            new NamedQuery(
                    "query-" + query.resourceName(),
                    NamedQueryArgs.builder()
                            .name(query.name())
                            .description(query.description())
                            .database(database.name())
                            .workgroup(workgroup.name())
                            .query(query.sql())
                            .build(),
                    CustomResourceOptions.builder()
                            .parent(this)
                            .dependsOn(table)
                            .build());
        }

        this.databaseName = database.name();
        this.workgroupName = workgroup.name();
        this.tableName = table.name();
        this.table = table;
        registerOutputs(Map.of("databaseName", databaseName, "workgroupName", workgroupName, "tableName", tableName));
    }

    /** The names of the saved queries a catalog registers: with {@code perAccount}, an archive's. */
    public static java.util.List<String> savedQueryNames(boolean perAccount) {
        return NamedQueryFiles.forTable(perAccount).stream()
                .map(NamedQueryFiles.NamedQuerySql::name)
                .toList();
    }

    public Output<String> databaseName() {
        return databaseName;
    }

    public Output<String> workgroupName() {
        return workgroupName;
    }

    public Output<String> tableName() {
        return tableName;
    }

    /** The table, for what must exist after it (a stream that converts records with its schema). */
    public CatalogTable table() {
        return table;
    }
}
