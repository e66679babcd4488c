package dev.seslogs.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.test.Mocks;
import dev.seslogs.Stacks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The simulation refuses what AWS refuses, so a test fails where a real deploy would. */
class SimulatedAwsTest {
    private final SimulatedAws aws = new SimulatedAws();

    private Mocks.ResourceResult create(String type, Map<String, Object> inputs) throws Exception {
        return aws.newResourceAsync(new Mocks.ResourceArgs(type, "test", inputs, "", ""))
                .get();
    }

    private String refusal(String type, Map<String, Object> inputs) {
        var failure = assertThrows(ExecutionException.class, () -> create(type, inputs));
        assertInstanceOf(AwsRefusal.class, failure.getCause());
        return failure.getCause().getMessage();
    }

    @Test
    void route53RefusesATxtValueTheProviderQuotesASecondTime() throws Exception {
        var record = new HashMap<String, Object>(
                Map.of("zoneId", "Z0EXAMPLE", "name", "mail.example.com", "type", "TXT", "ttl", 1800));
        record.put("records", List.of("v=spf1 include:amazonses.com ~all"));
        create("aws:route53/record:Record", record);
        record.put("records", List.of("\"v=spf1 include:amazonses.com ~all\""));
        assertTrue(refusal("aws:route53/record:Record", record).contains("InvalidCharacterString"));
        // Longer than 255: the user splits it into two strings, as the provider documents.
        record.put("records", List.of("a".repeat(255) + "\"\"" + "b".repeat(10)));
        create("aws:route53/record:Record", record);
        record.put("records", List.of("a".repeat(256)));
        assertTrue(refusal("aws:route53/record:Record", record).contains("CharacterStringTooLong"));
    }

    @Test
    void arnsAreFormedTheWayAwsFormsThem() throws Exception {
        @SuppressWarnings("unchecked")
        var bucket = (Map<String, Object>) create("aws:s3/bucketV2:BucketV2", Map.of("bucket", "my-logs")).state;
        assertEquals("arn:aws:s3:::my-logs", bucket.get("arn"));
        var topic = create("aws:sns/topic:Topic", Map.of("name", "t"));
        assertEquals("arn:aws:sns:ap-northeast-1:123456789012:t", topic.id.orElseThrow());
        var china = new SimulatedAws("210987654321", "cn-north-1");
        @SuppressWarnings("unchecked")
        var role = (Map<String, Object>) china.newResourceAsync(new Mocks.ResourceArgs(
                        "aws:iam/role:Role", "r", Map.of("name", "r", "assumeRolePolicy", "{}"), "", ""))
                .get()
                .state;
        assertEquals("arn:aws-cn:iam::210987654321:role/r", role.get("arn"));
    }

    @Test
    void namesOverAwsLimitsAreRefused() {
        assertTrue(refusal("aws:s3/bucketV2:BucketV2", Map.of("bucket", "b".repeat(64)))
                .contains("InvalidBucketName"));
        assertTrue(refusal("aws:s3/bucketV2:BucketV2", Map.of("bucket", "Upper-Case"))
                .contains("InvalidBucketName"));
        assertTrue(refusal("aws:iam/role:Role", Map.of("name", "r".repeat(65), "assumeRolePolicy", "{}"))
                .contains("roleName"));
        assertTrue(refusal("aws:sesv2/configurationSet:ConfigurationSet", Map.of("configurationSetName", "has.dot"))
                .contains("configuration set name"));
        assertTrue(refusal("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", Map.of("name", "f".repeat(65)))
                .contains("deliveryStreamName"));
    }

    @Test
    void valuesAwsRejectsAreRefused() {
        assertTrue(refusal("aws:cloudwatch/logGroup:LogGroup", Map.of("name", "/g", "retentionInDays", 35))
                .contains("retentionInDays 35"));
        assertTrue(refusal(
                        "aws:athena/workgroup:Workgroup",
                        Map.of("name", "w", "configuration", Map.of("bytesScannedCutoffPerQuery", 1024)))
                .contains("BytesScannedCutoffPerQuery"));
        assertTrue(refusal(
                        "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination",
                        Map.of(
                                "eventDestinationName",
                                "d",
                                "eventDestination",
                                Map.of("matchingEventTypes", List.of("renderingFailure"))))
                .contains("MatchingEventTypes"));
        assertTrue(refusal("aws:iam/rolePolicy:RolePolicy", Map.of("name", "p", "role", "r", "policy", "{not json"))
                .contains("MalformedPolicyDocument"));
        assertTrue(refusal("aws:sns/topic:Topic", Map.of("name", "t", "tags", Map.of("Cost", "a#b")))
                .contains("InvalidTag"));
    }

    private static Map<String, Object> partitionedStream(int bufferSize, String prefix, String errorPrefix) {
        var s3 = new HashMap<String, Object>();
        s3.put("bufferingSize", bufferSize);
        s3.put("prefix", prefix);
        s3.put("errorOutputPrefix", errorPrefix);
        s3.put("dynamicPartitioningConfiguration", Map.of("enabled", true));
        s3.put(
                "processingConfiguration",
                Map.of(
                        "processors",
                        List.of(Map.of(
                                "type",
                                "MetadataExtraction",
                                "parameters",
                                List.of(Map.of(
                                        "parameterName",
                                        "MetadataExtractionQuery",
                                        "parameterValue",
                                        "{EventType: .eventType}"))))));
        return Map.of("name", "s", "extendedS3Configuration", s3);
    }

    @Test
    void firehoseDynamicPartitioningRulesAreEnforced() throws Exception {
        var good = "errorLog/!{firehose:error-output-type}/";
        var prefix = "p/!{partitionKeyFromQuery:EventType}/";
        create("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", partitionedStream(64, prefix, good));
        assertTrue(refusal(
                        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
                        partitionedStream(32, prefix, good))
                .contains("at least 64"));
        assertTrue(refusal(
                        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
                        partitionedStream(128, prefix, "errors/"))
                .contains("ErrorOutputPrefix"));
        assertTrue(refusal(
                        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
                        partitionedStream(128, "p/!{partitionKeyFromQuery:Type}/", good))
                .contains("partition key Type"));
        assertTrue(refusal(
                        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
                        partitionedStream(128, prefix, good + "!{partitionKeyFromQuery:EventType}/"))
                .contains("cannot use partitionKeyFromQuery"));
    }

    /** A plain (unpartitioned) stream converting to Parquet, with what Firehose needs; {@code change} edits it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> convertingStream(java.util.function.Consumer<Map<String, Object>> change) {
        var s3 = new HashMap<String, Object>();
        s3.put("bufferingSize", 128);
        s3.put("prefix", "p/");
        s3.put("compressionFormat", "UNCOMPRESSED");
        var conversion = new HashMap<String, Object>();
        conversion.put("enabled", true);
        conversion.put(
                "inputFormatConfiguration",
                new HashMap<>(Map.of("deserializer", new HashMap<>(Map.of("openXJsonSerDe", Map.of())))));
        conversion.put(
                "outputFormatConfiguration",
                new HashMap<>(Map.of(
                        "serializer",
                        new HashMap<>(Map.of("parquetSerDe", new HashMap<>(Map.of("compression", "SNAPPY")))))));
        conversion.put(
                "schemaConfiguration",
                new HashMap<>(
                        Map.of("databaseName", "d", "tableName", "t", "roleArn", "arn:aws:iam::123456789012:role/r")));
        s3.put("dataFormatConversionConfiguration", conversion);
        change.accept(s3);
        return Map.of("name", "s", "extendedS3Configuration", s3);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> map, String... path) {
        var current = map;
        for (var key : path) {
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }

    @Test
    void firehoseRefusesWhatItRefusesForFormatConversion() throws Exception {
        var stream = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
        create(stream, convertingStream(s3 -> {}));
        create(stream, convertingStream(s3 -> s3.remove("compressionFormat")));
        assertTrue(refusal(stream, convertingStream(s3 -> s3.put("compressionFormat", "GZIP")))
                .contains("must be UNCOMPRESSED"));
        assertTrue(refusal(stream, convertingStream(s3 -> s3.put("bufferingSize", 32)))
                .contains("at least 64"));
        assertTrue(refusal(stream, convertingStream(s3 -> at(
                                s3, "dataFormatConversionConfiguration", "inputFormatConfiguration", "deserializer")
                        .put("hiveJsonSerDe", Map.of())))
                .contains("exactly one of OpenXJsonSerDe and HiveJsonSerDe"));
        assertTrue(refusal(stream, convertingStream(s3 -> at(
                                s3, "dataFormatConversionConfiguration", "outputFormatConfiguration", "serializer")
                        .remove("parquetSerDe")))
                .contains("exactly one of ParquetSerDe and OrcSerDe"));
        assertTrue(refusal(stream, convertingStream(s3 -> at(
                                s3, "dataFormatConversionConfiguration", "schemaConfiguration")
                        .remove("roleArn")))
                .contains("SchemaConfiguration.roleArn"));
        assertTrue(refusal(stream, convertingStream(s3 -> at(
                                s3,
                                "dataFormatConversionConfiguration",
                                "outputFormatConfiguration",
                                "serializer",
                                "parquetSerDe")
                        .put("compression", "ZSTD")))
                .contains("UNCOMPRESSED, GZIP or SNAPPY"));
        assertTrue(refusal(stream, convertingStream(s3 -> at(
                                s3,
                                "dataFormatConversionConfiguration",
                                "outputFormatConfiguration",
                                "serializer",
                                "parquetSerDe")
                        .put("blockSizeBytes", 1024)))
                .contains("BlockSizeBytes"));
        // Switched off, the configuration is kept and nothing of it is checked.
        create(stream, convertingStream(s3 -> {
            at(s3, "dataFormatConversionConfiguration").put("enabled", false);
            s3.put("compressionFormat", "GZIP");
        }));
    }

    @Test
    void theLongestAllowedPrefixFitsInTheLongestRegionName() {
        var stack = Stacks.run(Stacks.with(
                        Stacks.with(Stacks.typicalConfig(), "namePrefix", "a".repeat(20)), "region", "ap-southeast-4"))
                .orThrow();
        assertEquals(
                "a".repeat(20) + "-123456789012-ap-southeast-4", stack.exports().get("logBucketName"));
    }

    @Test
    void aRefusalFailsTheStackLikeAFailedDeploy() {
        // A region name this long would push the bucket past S3's 63 and the roles past IAM's 64 characters.
        var result = Stacks.run(Stacks.with(
                Stacks.with(Stacks.typicalConfig(), "namePrefix", "a".repeat(20)),
                "region",
                "xx-imaginaryveryfarsoutheast-99"));
        assertTrue(result.failure().isPresent());
        var message = result.failure().get().getMessage();
        assertTrue(message.contains("InvalidBucketName") || message.contains("roleName"), message);
    }
}
