package dev.seslogs.stream;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.cloudwatch.LogStream;
import com.pulumi.aws.cloudwatch.LogStreamArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.kinesis.FirehoseDeliveryStream;
import com.pulumi.aws.kinesis.FirehoseDeliveryStreamArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationCloudwatchLoggingOptionsArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationInputFormatConfigurationArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationInputFormatConfigurationDeserializerArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationInputFormatConfigurationDeserializerOpenXJsonSerDeArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationOutputFormatConfigurationArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationOutputFormatConfigurationSerializerArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationOutputFormatConfigurationSerializerParquetSerDeArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationSchemaConfigurationArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationDynamicPartitioningConfigurationArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationProcessingConfigurationArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationProcessingConfigurationProcessorArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationProcessingConfigurationProcessorParameterArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamServerSideEncryptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.seslogs.aws.AwsTarget;
import dev.seslogs.aws.PhysicalNames;
import dev.seslogs.aws.PolicyDocument;
import dev.seslogs.config.LogFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Firehose stream that receives SES events and writes them, partitioned by event type and
 * day, into the log bucket; with its delivery role and its error log.
 */
public final class EventStream extends ComponentResource {
    public static final String TYPE = "ses-logs:index:EventStream";

    /** Firehose's largest buffer; dynamic partitioning requires at least 64 MiB. */
    public static final int BUFFER_SIZE_MIB = 128;
    /** The article's interval: fewer, larger objects mean fewer S3 requests and faster Athena scans. */
    public static final int BUFFER_INTERVAL_SECONDS = 300;

    public static final int PARTITIONING_RETRY_SECONDS = 300;
    public static final String DELIVERY_LOG_STREAM = "S3Delivery";

    private final Output<String> streamArn;
    private final Output<String> streamName;
    private final Output<String> logGroupName;

    /**
     * @param tags                  tags of the stream, its role and its log group
     * @param logGroupRetentionDays days the stream's error log is kept (a value CloudWatch accepts)
     * @param accountFolders        deliver under this account's own folders (a member of an archive,
     *                              the only folders the archive's bucket policy opens to it)
     */
    public record Args(java.util.Map<String, String> tags, int logGroupRetentionDays, boolean accountFolders) {
        public Args {
            tags = java.util.Map.copyOf(tags);
        }
    }

    /**
     * The Glue table whose schema Firehose converts records with ({@link LogFormat#PARQUET}): the
     * stream's own account and region.
     *
     * @param databaseName            the table's database, known before it exists (for the role's policy)
     * @param tableName               the table's name
     * @param columnToJsonKeyMappings the table's renames (column or field to JSON key), as its OpenX SerDe has them
     * @param table                   the table resource: the stream is created after it
     */
    public record ConversionSchema(
            Output<String> databaseName,
            String tableName,
            Map<String, String> columnToJsonKeyMappings,
            Resource table) {
        public ConversionSchema {
            columnToJsonKeyMappings = Map.copyOf(columnToJsonKeyMappings);
        }
    }

    /**
     * Parquet's compression inside the file; the S3 compression is then UNCOMPRESSED. GZIP, not
     * Firehose's default SNAPPY: Athena bills the bytes it reads, and SES events compress better
     * with GZIP (measured in docs/costs.md); Athena reads both.
     */
    public static final String PARQUET_COMPRESSION = "GZIP";

    public EventStream(
            String name,
            Args settings,
            PhysicalNames names,
            AwsTarget target,
            LogDestination destination,
            Optional<Output<String>> streamKeyArn,
            ComponentResourceOptions options) {
        this(name, settings, names, target, destination, streamKeyArn, Optional.empty(), options);
    }

    /**
     * @param destination  the log bucket, its region and its customer managed key, if any (the
     *                     stack's own, or the archive's): the delivery role needs to use the key
     * @param streamKeyArn the key to encrypt the stream with, if any (else an AWS owned key)
     * @param schema       the table to convert records to Parquet with ({@link LogFormat#PARQUET});
     *                     empty: the stream writes GZIP JSON
     */
    public EventStream(
            String name,
            Args settings,
            PhysicalNames names,
            AwsTarget target,
            LogDestination destination,
            Optional<Output<String>> streamKeyArn,
            Optional<ConversionSchema> schema,
            ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var parquet = schema.isPresent();
        var child = CustomResourceOptions.builder().parent(this).build();

        var logGroup = new LogGroup(
                "delivery-log-group",
                LogGroupArgs.builder()
                        .name(names.eventStreamLogGroup())
                        .retentionInDays(settings.logGroupRetentionDays())
                        .tags(settings.tags())
                        .build(),
                child);

        var logStream = new LogStream(
                "delivery-log-stream",
                LogStreamArgs.builder()
                        .logGroupName(logGroup.name())
                        .name(DELIVERY_LOG_STREAM)
                        .build(),
                child);

        var role = new Role(
                "firehose-to-s3-role",
                RoleArgs.builder()
                        .name(names.firehoseToS3Role())
                        .description("Lets Firehose write SES events into the log bucket")
                        .assumeRolePolicy(target.accountId().applyValue(EventStream::trustPolicy))
                        .tags(settings.tags())
                        .build(),
                child);

        // A member account writes into the archive's bucket under its own folders, the only ones
        // the archive's bucket policy opens to it.
        var member = settings.accountFolders();
        var dataPrefix = member
                ? target.accountId().applyValue(PartitionLayout::memberDataPrefix)
                : Output.of(PartitionLayout.DATA_PREFIX);
        var errorPrefix = member
                ? target.accountId().applyValue(PartitionLayout::memberErrorPrefix)
                : Output.of(PartitionLayout.ERROR_PREFIX);
        var dataFolder = member
                ? target.accountId().applyValue(account -> PartitionLayout.DATA_ROOT + account + "/")
                : Output.of(PartitionLayout.DATA_ROOT);
        var errorFolder = member
                ? target.accountId().applyValue(account -> PartitionLayout.ERROR_ROOT + account + "/")
                : Output.of(PartitionLayout.ERROR_ROOT);

        // Built from names, not from the resources' outputs: known during a preview, so the policy
        // pack checks the delivery role's document then instead of waiting for `pulumi up`.
        var logStreamArn = target.regionalArn(
                "logs", Output.format("log-group:%s:log-stream:%s", names.eventStreamLogGroup(), DELIVERY_LOG_STREAM));
        // Format conversion reads the table's schema: the catalog, the database and the table.
        var schemaArns = schema.map(s -> Output.all(
                        target.regionalArn("glue", Output.of("catalog")),
                        target.regionalArn("glue", s.databaseName().applyValue(db -> "database/" + db)),
                        target.regionalArn(
                                "glue", s.databaseName().applyValue(db -> "table/" + db + "/" + s.tableName()))))
                .orElse(Output.of(List.of()));
        var rolePolicy = new RolePolicy(
                "firehose-to-s3-policy",
                RolePolicyArgs.builder()
                        .role(role.id())
                        .name("write-ses-events")
                        .policy(Output.tuple(
                                        destination.policyBucketArn(),
                                        logStreamArn,
                                        dataFolder,
                                        errorFolder,
                                        destination.keyArn().orElse(Output.of("")),
                                        destination.region(),
                                        schemaArns)
                                .applyValue(t -> deliveryPolicy(t.t1, t.t2, t.t3, t.t4, t.t5, t.t6, t.t7)))
                        .build(),
                child);

        var s3 = FirehoseDeliveryStreamExtendedS3ConfigurationArgs.builder()
                .roleArn(role.arn())
                .bucketArn(destination.bucketArn())
                .prefix(dataPrefix)
                .errorOutputPrefix(errorPrefix)
                .bufferingSize(BUFFER_SIZE_MIB)
                .bufferingInterval(BUFFER_INTERVAL_SECONDS)
                // With format conversion the objects are Parquet, compressed inside (GZIP);
                // Firehose refuses any S3 compression then.
                .compressionFormat(parquet ? "UNCOMPRESSED" : "GZIP");
        schema.ifPresent(table -> s3.dataFormatConversionConfiguration(conversion(table, role.arn(), target)));

        var stream = new FirehoseDeliveryStream(
                "event-stream",
                FirehoseDeliveryStreamArgs.builder()
                        .name(names.eventStream())
                        .destination("extended_s3")
                        .serverSideEncryption(streamEncryption(streamKeyArn))
                        .extendedS3Configuration(s3.dynamicPartitioningConfiguration(
                                        FirehoseDeliveryStreamExtendedS3ConfigurationDynamicPartitioningConfigurationArgs
                                                .builder()
                                                .enabled(true)
                                                .retryDuration(PARTITIONING_RETRY_SECONDS)
                                                .build())
                                .processingConfiguration(
                                        FirehoseDeliveryStreamExtendedS3ConfigurationProcessingConfigurationArgs
                                                .builder()
                                                .enabled(true)
                                                .processors(
                                                        FirehoseDeliveryStreamExtendedS3ConfigurationProcessingConfigurationProcessorArgs
                                                                .builder()
                                                                .type("MetadataExtraction")
                                                                .parameters(
                                                                        parameter(
                                                                                "MetadataExtractionQuery",
                                                                                PartitionLayout
                                                                                        .METADATA_EXTRACTION_QUERY),
                                                                        parameter(
                                                                                "JsonParsingEngine",
                                                                                PartitionLayout.JSON_PARSING_ENGINE))
                                                                .build())
                                                .build())
                                .cloudwatchLoggingOptions(
                                        FirehoseDeliveryStreamExtendedS3ConfigurationCloudwatchLoggingOptionsArgs
                                                .builder()
                                                .enabled(true)
                                                .logGroupName(logGroup.name())
                                                .logStreamName(logStream.name())
                                                .build())
                                .build())
                        .tags(settings.tags())
                        .build(),
                // Firehose checks the role's access when the stream is created. A replacement (for
                // one, switching dynamic partitioning on or off, which the provider cannot do in
                // place) must delete the old stream first: its name is fixed, and a second stream of
                // that name is refused. SES's events of those seconds are lost, so the preview's
                // "replace" of the stream is one to plan (docs/rollout.md).
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(schema.<List<Resource>>map(table -> List.of(rolePolicy, table.table()))
                                .orElse(List.of(rolePolicy)))
                        .deleteBeforeReplace(true)
                        .build());

        this.streamArn = stream.arn();
        this.streamName = stream.name();
        this.logGroupName = logGroup.name();
        registerOutputs(Map.of("streamArn", streamArn, "streamName", streamName, "logGroupName", logGroupName));
    }

    public Output<String> streamArn() {
        return streamArn;
    }

    public Output<String> streamName() {
        return streamName;
    }

    public Output<String> logGroupName() {
        return logGroupName;
    }

    /**
     * JSON in, Parquet out, with the table's schema: the OpenX deserializer with the table's own
     * renames (the {@code ses:*} tags and {@code all_tags}), case-insensitive as the table's SerDe.
     */
    private static FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationArgs conversion(
            ConversionSchema schema, Output<String> roleArn, AwsTarget target) {
        return FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationArgs.builder()
                .enabled(true)
                .inputFormatConfiguration(
                        FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationInputFormatConfigurationArgs
                                .builder()
                                .deserializer(
                                        FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationInputFormatConfigurationDeserializerArgs
                                                .builder()
                                                .openXJsonSerDe(
                                                        FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationInputFormatConfigurationDeserializerOpenXJsonSerDeArgs
                                                                .builder()
                                                                .caseInsensitive(true)
                                                                .convertDotsInJsonKeysToUnderscores(false)
                                                                .columnToJsonKeyMappings(
                                                                        schema.columnToJsonKeyMappings())
                                                                .build())
                                                .build())
                                .build())
                .outputFormatConfiguration(
                        FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationOutputFormatConfigurationArgs
                                .builder()
                                .serializer(
                                        FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationOutputFormatConfigurationSerializerArgs
                                                .builder()
                                                .parquetSerDe(
                                                        FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationOutputFormatConfigurationSerializerParquetSerDeArgs
                                                                .builder()
                                                                .compression(PARQUET_COMPRESSION)
                                                                .build())
                                                .build())
                                .build())
                .schemaConfiguration(
                        FirehoseDeliveryStreamExtendedS3ConfigurationDataFormatConversionConfigurationSchemaConfigurationArgs
                                .builder()
                                .catalogId(target.accountId())
                                .region(target.region())
                                .databaseName(schema.databaseName())
                                .tableName(schema.tableName())
                                .roleArn(roleArn)
                                // The table's current schema at each delivery: a declared messageTags field
                                // reaches the objects without touching the stream.
                                .versionId("LATEST")
                                .build())
                .build();
    }

    private static FirehoseDeliveryStreamServerSideEncryptionArgs streamEncryption(Optional<Output<String>> keyArn) {
        var encryption = FirehoseDeliveryStreamServerSideEncryptionArgs.builder()
                .enabled(true)
                .keyType(keyArn.isPresent() ? "CUSTOMER_MANAGED_CMK" : "AWS_OWNED_CMK");
        keyArn.ifPresent(encryption::keyArn);
        return encryption.build();
    }

    private static FirehoseDeliveryStreamExtendedS3ConfigurationProcessingConfigurationProcessorParameterArgs parameter(
            String name, String value) {
        return FirehoseDeliveryStreamExtendedS3ConfigurationProcessingConfigurationProcessorParameterArgs.builder()
                .parameterName(name)
                .parameterValue(value)
                .build();
    }

    /** Firehose's documented confused-deputy guard: the external id is the account that owns the role. */
    static String trustPolicy(String accountId) {
        return PolicyDocument.of(PolicyDocument.allow("FirehoseOfThisAccount")
                        .servicePrincipal("firehose.amazonaws.com")
                        .actions("sts:AssumeRole")
                        .condition("StringEquals", "sts:ExternalId", accountId))
                .toJson();
    }

    /**
     * Only what delivery needs: objects under the two prefixes the stream writes (the article
     * granted the whole bucket), the bucket-level calls Firehose makes before writing, and its
     * own log stream (the article granted every Firehose log group).
     */
    static String deliveryPolicy(
            String bucketArn,
            String logStreamArn,
            String dataFolder,
            String errorFolder,
            String bucketKeyArn,
            String bucketRegion) {
        return deliveryPolicy(bucketArn, logStreamArn, dataFolder, errorFolder, bucketKeyArn, bucketRegion, List.of());
    }

    /** @param schemaArns the Glue catalog, database and table a converting stream reads its schema from (empty: none) */
    static String deliveryPolicy(
            String bucketArn,
            String logStreamArn,
            String dataFolder,
            String errorFolder,
            String bucketKeyArn,
            String bucketRegion,
            List<String> schemaArns) {
        var statements = new java.util.ArrayList<PolicyDocument.Statement>(List.of(
                PolicyDocument.allow("WriteEventObjects")
                        .actions("s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject")
                        .resources(bucketArn + "/" + dataFolder + "*", bucketArn + "/" + errorFolder + "*"),
                PolicyDocument.allow("InspectLogBucket")
                        .actions("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads")
                        .resources(bucketArn),
                PolicyDocument.allow("LogDeliveryErrors")
                        .actions("logs:PutLogEvents")
                        .resources(logStreamArn)));
        if (!schemaArns.isEmpty()) {
            // Record format conversion: Firehose reads the table's schema with the delivery role
            // (Firehose developer guide, "Grant Firehose access to an Amazon S3 destination":
            // glue:GetTable, glue:GetTableVersion, glue:GetTableVersions on catalog, database, table).
            statements.add(PolicyDocument.allow("ReadTableSchema")
                    .actions("glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions")
                    .resources(schemaArns.toArray(String[]::new)));
        }
        if (!bucketKeyArn.isEmpty()) {
            // Writing to a bucket encrypted with a customer managed key means using that key, only
            // through S3 in the bucket's region (where S3 calls KMS from, whatever the stream's
            // region), and only for this bucket: with an S3 Bucket Key the encryption context is
            // the bucket's ARN.
            statements.add(PolicyDocument.allow("EncryptObjectsThroughS3")
                    .actions("kms:Decrypt", "kms:GenerateDataKey")
                    .resources(bucketKeyArn)
                    .condition("StringEquals", "kms:ViaService", "s3." + bucketRegion + ".amazonaws.com")
                    .condition("StringEquals", "kms:EncryptionContext:aws:s3:arn", bucketArn));
        }
        return PolicyDocument.of(statements).toJson();
    }
}
