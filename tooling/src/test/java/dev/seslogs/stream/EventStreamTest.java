package dev.seslogs.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seslogs.Json;
import dev.seslogs.Stacks;
import dev.seslogs.simulation.DeclaredResource;
import dev.seslogs.simulation.StackSimulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventStreamTest {
    private static final String NAME = "ses-logs-123456789012-ap-northeast-1";
    private static final String BUCKET_ARN = "arn:aws:s3:::" + NAME;
    private static final String LOG_GROUP = "/aws/firehose/" + NAME;
    private static StackSimulation.Result stack;
    private static DeclaredResource firehose;

    @BeforeAll
    static void deploy() {
        stack = Stacks.typical();
        firehose = stack.one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream");
    }

    private static Object s3(String path) {
        return firehose.input("extendedS3Configuration." + path);
    }

    @Test
    void streamIsNamedLikeTheArticlesAndDeliversToTheLogBucket() {
        assertEquals(NAME, firehose.input("name"));
        assertEquals("arn:aws:firehose:ap-northeast-1:123456789012:deliverystream/" + NAME, firehose.output("arn"));
        assertEquals("extended_s3", firehose.input("destination"));
        assertEquals(BUCKET_ARN, s3("bucketArn"));
        assertEquals("arn:aws:iam::123456789012:role/ses-logs-firehose-to-s3-ap-northeast-1", s3("roleArn"));
    }

    @Test
    void aReplacementOfTheNamedStreamDeletesTheOldOneFirst() {
        // Switching dynamic partitioning replaces the stream (the provider's ForceNew), and AWS
        // refuses a second stream of the same name: the old one must go first.
        assertTrue(firehose.deleteBeforeReplace());
        assertEquals(true, s3("dynamicPartitioningConfiguration.enabled"));
    }

    @Test
    void eventsArePartitionedByTypeAndDayExactlyLikeTheArticle() {
        assertEquals("partitioned/!{partitionKeyFromQuery:EventType}/!{timestamp:yyyy/MM/dd}/", s3("prefix"));
        assertEquals(true, s3("dynamicPartitioningConfiguration.enabled"));
        assertEquals(300, s3("dynamicPartitioningConfiguration.retryDuration"));
        assertEquals(true, s3("processingConfiguration.enabled"));
        assertEquals("MetadataExtraction", s3("processingConfiguration.processors.0.type"));
        assertEquals(
                Map.of(
                        "parameterName",
                        "MetadataExtractionQuery",
                        "parameterValue",
                        PartitionLayout.METADATA_EXTRACTION_QUERY),
                s3("processingConfiguration.processors.0.parameters.0"));
        assertEquals(
                Map.of("parameterName", "JsonParsingEngine", "parameterValue", "JQ-1.6"),
                s3("processingConfiguration.processors.0.parameters.1"));
    }

    @Test
    void errorsGoToTheirOwnPrefixWithACalendarYear() {
        var errorPrefix = (String) s3("errorOutputPrefix");
        assertEquals(
                "errorLog/!{firehose:error-output-type}/dt=!{timestamp:yyyy}-!{timestamp:MM}-!{timestamp:dd}/",
                errorPrefix);
        assertFalse(errorPrefix.contains("YYYY"), "YYYY is the week-based year in Java's DateTimeFormatter");
    }

    @Test
    void bufferingCompressionAndEncryptionAreTheArticlesOrBetter() {
        assertEquals(128, s3("bufferingSize"));
        assertEquals(300, s3("bufferingInterval"));
        assertEquals("GZIP", s3("compressionFormat"));
        assertEquals(true, firehose.input("serverSideEncryption.enabled"));
        assertEquals("AWS_OWNED_CMK", firehose.input("serverSideEncryption.keyType"));
        assertEquals(Map.of("Cost", "SES"), firehose.input("tags"));
    }

    @Test
    void deliveryErrorsAreLoggedToTheStreamsOwnLogGroup() {
        assertEquals(true, s3("cloudwatchLoggingOptions.enabled"));
        assertEquals(LOG_GROUP, s3("cloudwatchLoggingOptions.logGroupName"));
        assertEquals("S3Delivery", s3("cloudwatchLoggingOptions.logStreamName"));
        var logGroup = stack.one("aws:cloudwatch/logGroup:LogGroup");
        assertEquals(LOG_GROUP, logGroup.input("name"));
        assertEquals(400, logGroup.input("retentionInDays"));
        var logStream = stack.one("aws:cloudwatch/logStream:LogStream");
        assertEquals(LOG_GROUP, logStream.input("logGroupName"));
        assertEquals("S3Delivery", logStream.input("name"));
    }

    @Test
    void aRetentionCloudWatchDoesNotAcceptIsRoundedUpForTheLogGroupOnly() {
        var stack35 = Stacks.run(Stacks.with(Stacks.typicalConfig(), "retentionDays", "35"))
                .orThrow();
        assertEquals(60, stack35.one("aws:cloudwatch/logGroup:LogGroup").input("retentionInDays"));
    }

    @Test
    void onlyFirehoseOfThisAccountMayAssumeTheDeliveryRole() {
        var role = stack.named("aws:iam/role:Role", "firehose-to-s3-role");
        assertEquals("ses-logs-firehose-to-s3-ap-northeast-1", role.input("name"));
        var trust = Json.statement(role.input("assumeRolePolicy"), "FirehoseOfThisAccount");
        assertEquals("Allow", trust.get("Effect").asText());
        assertEquals("firehose.amazonaws.com", trust.at("/Principal/Service").asText());
        assertEquals("sts:AssumeRole", trust.get("Action").asText());
        assertEquals(
                "123456789012",
                trust.at("/Condition/StringEquals/sts:ExternalId").asText());
        assertEquals(
                1, Json.parse(role.input("assumeRolePolicy")).get("Statement").size());
    }

    @Test
    void deliveryRoleMayWriteOnlyTheStreamsPrefixesAndItsLogStream() {
        var policy = stack.named("aws:iam/rolePolicy:RolePolicy", "firehose-to-s3-policy");
        assertEquals("ses-logs-firehose-to-s3-ap-northeast-1", policy.input("role"));
        var document = policy.input("policy");
        var objects = Json.statement(document, "WriteEventObjects");
        assertEquals(
                List.of("s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"),
                Json.strings(objects.get("Action")));
        assertEquals(
                List.of(BUCKET_ARN + "/partitioned/*", BUCKET_ARN + "/errorLog/*"),
                Json.strings(objects.get("Resource")));
        var bucket = Json.statement(document, "InspectLogBucket");
        assertEquals(
                List.of("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"),
                Json.strings(bucket.get("Action")));
        assertEquals(List.of(BUCKET_ARN), Json.strings(bucket.get("Resource")));
        var logs = Json.statement(document, "LogDeliveryErrors");
        assertEquals(List.of("logs:PutLogEvents"), Json.strings(logs.get("Action")));
        assertEquals(
                List.of("arn:aws:logs:ap-northeast-1:123456789012:log-group:" + LOG_GROUP + ":log-stream:S3Delivery"),
                Json.strings(logs.get("Resource")));
        assertEquals(3, Json.parse(document).get("Statement").size());
    }

    @Test
    void streamIsCreatedOnlyAfterItsRoleMayWrite() {
        var policy = stack.named("aws:iam/rolePolicy:RolePolicy", "firehose-to-s3-policy");
        assertTrue(firehose.dependencies().contains(policy.urn()));
    }

    @Test
    void noFormatConversionByDefault() {
        assertEquals(null, s3("dataFormatConversionConfiguration"));
    }

    @Test
    void theParquetLayoutConvertsWithTheTablesOwnSchemaAndKeepsDynamicPartitioning() {
        var parquet = Stacks.run(Stacks.with(Stacks.typicalConfig(), "logFormat", "parquet"))
                .orThrow();
        var stream = parquet.one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream");
        var table = parquet.one("aws:glue/catalogTable:CatalogTable");
        java.util.function.Function<String, Object> s3 = path -> stream.input("extendedS3Configuration." + path);
        // Firehose refuses S3 compression with conversion: Parquet compresses inside.
        assertEquals("UNCOMPRESSED", s3.apply("compressionFormat"));
        assertEquals(128, s3.apply("bufferingSize"));
        assertEquals(true, s3.apply("dynamicPartitioningConfiguration.enabled"));
        assertEquals("partitioned/!{partitionKeyFromQuery:EventType}/!{timestamp:yyyy/MM/dd}/", s3.apply("prefix"));
        var conversion = "dataFormatConversionConfiguration.";
        assertEquals(true, s3.apply(conversion + "enabled"));
        assertEquals(
                true, s3.apply(conversion + "inputFormatConfiguration.deserializer.openXJsonSerDe.caseInsensitive"));
        assertEquals(
                Map.of(
                        "ses_operation",
                        "ses:operation",
                        "ses_configuration_set",
                        "ses:configuration-set",
                        "ses_source_ip",
                        "ses:source-ip",
                        "ses_from_domain",
                        "ses:from-domain",
                        "ses_caller_identity",
                        "ses:caller-identity",
                        "ses_outgoing_ip",
                        "ses:outgoing-ip",
                        "ses_source_tls_version",
                        "ses:source-tls-version",
                        "ses_outgoing_tls_version",
                        "ses:outgoing-tls-version",
                        "all_tags",
                        "tags"),
                s3.apply(conversion + "inputFormatConfiguration.deserializer.openXJsonSerDe.columnToJsonKeyMappings"));
        assertEquals("GZIP", s3.apply(conversion + "outputFormatConfiguration.serializer.parquetSerDe.compression"));
        assertEquals(table.input("databaseName"), s3.apply(conversion + "schemaConfiguration.databaseName"));
        assertEquals(table.input("name"), s3.apply(conversion + "schemaConfiguration.tableName"));
        assertEquals("LATEST", s3.apply(conversion + "schemaConfiguration.versionId"));
        assertEquals("123456789012", s3.apply(conversion + "schemaConfiguration.catalogId"));
        assertEquals("ap-northeast-1", s3.apply(conversion + "schemaConfiguration.region"));
        assertEquals(s3.apply("roleArn"), s3.apply(conversion + "schemaConfiguration.roleArn"));
        assertTrue(stream.dependencies().contains(table.urn()), "the stream converts with the table: created after it");

        // The table reads what the stream writes.
        assertEquals(
                "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                table.input("storageDescriptor.serDeInfo.serializationLibrary"));
        assertEquals(
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                table.input("storageDescriptor.inputFormat"));
        assertEquals(
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                table.input("storageDescriptor.outputFormat"));
        assertEquals("parquet", ((Map<?, ?>) table.input("parameters")).get("classification"));
        assertEquals(null, ((Map<?, ?>) table.input("parameters")).get("compressionType"));

        // The delivery role reads the table's schema, and nothing else of the catalog.
        var document = parquet.named("aws:iam/rolePolicy:RolePolicy", "firehose-to-s3-policy")
                .input("policy");
        var schema = Json.statement(document, "ReadTableSchema");
        assertEquals(
                List.of("glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"),
                Json.strings(schema.get("Action")));
        var database = (String) table.input("databaseName");
        assertEquals(
                List.of(
                        "arn:aws:glue:ap-northeast-1:123456789012:catalog",
                        "arn:aws:glue:ap-northeast-1:123456789012:database/" + database,
                        "arn:aws:glue:ap-northeast-1:123456789012:table/" + database + "/seslogs"),
                Json.strings(schema.get("Resource")));
        assertEquals(4, Json.parse(document).get("Statement").size());
    }
}
