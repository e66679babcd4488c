package dev.seslogs.stream;

import static dev.seslogs.ComponentTests.ACCOUNT;
import static dev.seslogs.ComponentTests.ACCOUNT_REGIONAL;
import static dev.seslogs.ComponentTests.input;
import static dev.seslogs.ComponentTests.json;
import static dev.seslogs.ComponentTests.sids;
import static dev.seslogs.ComponentTests.statement;
import static dev.seslogs.ComponentTests.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import dev.seslogs.ComponentTests;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventStreamUnitTest {
    private static final String STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
    private static final String ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
    private static final String BUCKET_ARN = "arn:aws:s3:::archive-bucket";
    private static final String BUCKET_KEY = "arn:aws:kms:us-east-1:999988887777:key/archive";
    private static final String STREAM_KEY = "arn:aws:kms:eu-west-1:111122223333:key/unit";

    private static ComponentTests.Built<EventStream> stream(
            boolean accountFolders, Optional<String> bucketKey, Optional<String> streamKey) {
        return ComponentTests.build(f -> new EventStream(
                "event-stream",
                new EventStream.Args(Map.of("Cost", "SES"), 90, accountFolders),
                f.names(),
                f.target(),
                new LogDestination(
                        Output.of(BUCKET_ARN),
                        Output.of(BUCKET_ARN),
                        Output.of("us-east-1"),
                        bucketKey.map(Output::of)),
                streamKey.map(Output::of),
                f.options()));
    }

    @Test
    void aStandaloneStreamWritesTheArticlesPrefixes() {
        var built = stream(false, Optional.empty(), Optional.empty());
        var stream = built.one(STREAM);
        assertEquals(ACCOUNT_REGIONAL, input(stream, "name"));
        assertEquals(BUCKET_ARN, input(stream, "extendedS3Configuration.bucketArn"));
        assertEquals(
                "partitioned/!{partitionKeyFromQuery:EventType}/!{timestamp:yyyy/MM/dd}/",
                input(stream, "extendedS3Configuration.prefix"));
        assertEquals(
                "errorLog/!{firehose:error-output-type}/dt=!{timestamp:yyyy}-!{timestamp:MM}-!{timestamp:dd}/",
                input(stream, "extendedS3Configuration.errorOutputPrefix"));
        assertEquals(true, input(stream, "extendedS3Configuration.dynamicPartitioningConfiguration.enabled"));
        var writes = statement(json(built.one(ROLE_POLICY), "policy"), "WriteEventObjects");
        assertEquals(List.of(BUCKET_ARN + "/partitioned/*", BUCKET_ARN + "/errorLog/*"), texts(writes.get("Resource")));
        assertEquals(ACCOUNT_REGIONAL, built.value(EventStream::streamName));
    }

    @Test
    void aMemberStreamWritesUnderItsOwnAccountFoldersOnly() {
        var built = stream(true, Optional.empty(), Optional.empty());
        var stream = built.one(STREAM);
        assertEquals(
                "partitioned/" + ACCOUNT + "/!{partitionKeyFromQuery:EventType}/!{timestamp:yyyy/MM/dd}/",
                input(stream, "extendedS3Configuration.prefix"));
        assertEquals(
                "errorLog/" + ACCOUNT
                        + "/!{firehose:error-output-type}/dt=!{timestamp:yyyy}-!{timestamp:MM}-!{timestamp:dd}/",
                input(stream, "extendedS3Configuration.errorOutputPrefix"));
        var writes = statement(json(built.one(ROLE_POLICY), "policy"), "WriteEventObjects");
        assertEquals(
                List.of(BUCKET_ARN + "/partitioned/" + ACCOUNT + "/*", BUCKET_ARN + "/errorLog/" + ACCOUNT + "/*"),
                texts(writes.get("Resource")));
    }

    @Test
    void theStreamIsDeletedBeforeItIsReplaced() {
        var built = stream(false, Optional.empty(), Optional.empty());
        assertTrue(
                built.options(STREAM, "event-stream").getDeleteBeforeReplace(),
                "its name is fixed: a second stream of it is refused");
        assertFalse(built.options("aws:cloudwatch/logGroup:LogGroup", "delivery-log-group")
                .getDeleteBeforeReplace());
    }

    @Test
    void deliveryErrorsAreLoggedForTheRetentionGiven() {
        var built = stream(false, Optional.empty(), Optional.empty());
        var logGroup = built.one("aws:cloudwatch/logGroup:LogGroup");
        assertEquals("/aws/firehose/" + ACCOUNT_REGIONAL, input(logGroup, "name"));
        assertEquals(90.0, input(logGroup, "retentionInDays"));
        assertEquals("S3Delivery", input(built.one("aws:cloudwatch/logStream:LogStream"), "name"));
        var stream = built.one(STREAM);
        assertEquals(
                "/aws/firehose/" + ACCOUNT_REGIONAL,
                input(stream, "extendedS3Configuration.cloudwatchLoggingOptions.logGroupName"));
        assertEquals("S3Delivery", input(stream, "extendedS3Configuration.cloudwatchLoggingOptions.logStreamName"));
        assertEquals("/aws/firehose/" + ACCOUNT_REGIONAL, built.value(EventStream::logGroupName));
        var trust = json(built.one("aws:iam/role:Role"), "assumeRolePolicy");
        assertEquals(
                ACCOUNT,
                statement(trust, "FirehoseOfThisAccount")
                        .at("/Condition/StringEquals/sts:ExternalId")
                        .asText());
    }

    @Test
    void keysEncryptTheStreamAndTheBucketsKeyIsUsedThroughS3InTheBucketsRegion() {
        var built = stream(true, Optional.of(BUCKET_KEY), Optional.of(STREAM_KEY));
        var stream = built.one(STREAM);
        assertEquals("CUSTOMER_MANAGED_CMK", input(stream, "serverSideEncryption.keyType"));
        assertEquals(STREAM_KEY, input(stream, "serverSideEncryption.keyArn"));
        var policy = json(built.one(ROLE_POLICY), "policy");
        var kms = statement(policy, "EncryptObjectsThroughS3");
        assertEquals(BUCKET_KEY, kms.get("Resource").asText());
        assertEquals(
                "s3.us-east-1.amazonaws.com",
                kms.at("/Condition/StringEquals/kms:ViaService").asText());
        assertEquals(
                BUCKET_ARN,
                kms.at("/Condition/StringEquals/kms:EncryptionContext:aws:s3:arn")
                        .asText());

        var plain = stream(false, Optional.empty(), Optional.empty());
        assertEquals("AWS_OWNED_CMK", input(plain.one(STREAM), "serverSideEncryption.keyType"));
        assertNull(input(plain.one(STREAM), "serverSideEncryption.keyArn"));
        assertEquals(
                List.of("WriteEventObjects", "InspectLogBucket", "LogDeliveryErrors"),
                sids(json(plain.one(ROLE_POLICY), "policy")));
    }
}
