package dev.seslogs.catalog;

import com.pulumi.aws.athena.Workgroup;
import com.pulumi.aws.athena.WorkgroupArgs;
import com.pulumi.aws.athena.inputs.WorkgroupConfigurationArgs;
import com.pulumi.aws.athena.inputs.WorkgroupConfigurationEngineVersionArgs;
import com.pulumi.aws.athena.inputs.WorkgroupConfigurationResultConfigurationArgs;
import com.pulumi.aws.athena.inputs.WorkgroupConfigurationResultConfigurationEncryptionConfigurationArgs;
import com.pulumi.aws.glue.CatalogDatabase;
import com.pulumi.aws.glue.CatalogDatabaseArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.seslogs.archive.LogArchive;
import dev.seslogs.aws.PhysicalNames;
import dev.seslogs.config.Settings;

import java.util.Map;

/**
 * What Athena needs to query the logs: the Glue database and table over the log bucket, and a
 * workgroup whose settings users cannot override (results location, encryption, scan cutoff).
 */
public final class QueryCatalog extends ComponentResource {
    public static final String TYPE = "ses-logs:index:QueryCatalog";
    public static final String ATHENA_ENGINE_VERSION = "Athena engine version 3";
    private static final long BYTES_PER_MIB = 1024L * 1024L;

    private final Output<String> databaseName;
    private final Output<String> workgroupName;

    public QueryCatalog(String name, Settings settings, PhysicalNames names, Output<String> bucketName,
                        ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var database = new CatalogDatabase("log-database", CatalogDatabaseArgs.builder()
                .name(names.glueDatabase())
                .description("SES sending events delivered by the ses-logs event stream")
                .tags(settings.tags())
                .build(), child);

        var workgroup = new Workgroup("query-workgroup", WorkgroupArgs.builder()
                .name(names.queryWorkgroup())
                .description("Queries over the SES sending logs")
                .state("ENABLED")
                // Deleting the workgroup deletes its saved queries and history, never the logs.
                .forceDestroy(true)
                .configuration(WorkgroupConfigurationArgs.builder()
                        .enforceWorkgroupConfiguration(true)
                        .publishCloudwatchMetricsEnabled(true)
                        .bytesScannedCutoffPerQuery(Math.toIntExact(settings.queryScanLimitMb() * BYTES_PER_MIB))
                        .engineVersion(WorkgroupConfigurationEngineVersionArgs.builder()
                                .selectedEngineVersion(ATHENA_ENGINE_VERSION)
                                .build())
                        .resultConfiguration(WorkgroupConfigurationResultConfigurationArgs.builder()
                                .outputLocation(Output.format("s3://%s/%s", bucketName, LogArchive.QUERY_RESULTS_PREFIX))
                                .encryptionConfiguration(WorkgroupConfigurationResultConfigurationEncryptionConfigurationArgs.builder()
                                        .encryptionOption("SSE_S3")
                                        .build())
                                .build())
                        .build())
                .tags(settings.tags())
                .build(), child);

        this.databaseName = database.name();
        this.workgroupName = workgroup.name();
        registerOutputs(Map.of("databaseName", databaseName, "workgroupName", workgroupName));
    }

    public Output<String> databaseName() {
        return databaseName;
    }

    public Output<String> workgroupName() {
        return workgroupName;
    }
}
