package dev.seslogs.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pulumirpc.Provider;
import pulumirpc.ResourceProviderGrpc;

/** The simulated provider's test-only faults ({@code --faults FILE}): AWS errors by attempt, drift, resources deleted by hand. */
class FaultsTest {
    private static final String DESTINATION =
            "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination";
    private static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

    @TempDir
    Path dir;

    private Path faults;
    private Server server;
    private ManagedChannel channel;
    private ResourceProviderGrpc.ResourceProviderBlockingStub aws;

    @BeforeEach
    void start() throws IOException {
        faults = dir.resolve("faults.json");
        server = SimulatedAwsProvider.serve(
                new SimulatedAwsProvider("111111111111", Set.of(), Optional.empty(), new Faults(Optional.of(faults))));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext()
                .build();
        aws = ResourceProviderGrpc.newBlockingStub(channel);
        aws.configure(Provider.ConfigureRequest.newBuilder()
                .setArgs(WireValues.toStruct(Map.of("region", "eu-west-1")))
                .build());
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private Provider.CreateResponse createDestination() {
        return aws.create(Provider.CreateRequest.newBuilder()
                .setType(DESTINATION)
                .setUrn("urn:pulumi:dev::ses-logs::" + DESTINATION + "::firehose")
                .setProperties(WireValues.toStruct(Map.of(
                        "configurationSetName",
                        "ses-logs",
                        "eventDestinationName",
                        "firehose",
                        "eventDestination",
                        Map.of("matchingEventTypes", java.util.List.of("BOUNCE")))))
                .build());
    }

    @Test
    void aCreateFailsOnTheAttemptsNamedWithAwsErrorAsTheProviderReportsIt() throws IOException {
        Files.writeString(
                faults,
                """
                {"errors": [{"type": "%s", "operation": "create", "attempts": [1],
                  "awsOperation": "SESv2: CreateConfigurationSetEventDestination", "statusCode": 400,
                  "code": "BadRequestException", "message": "Could not assume IAM role"}]}"""
                        .formatted(DESTINATION));
        var refused = assertThrows(StatusRuntimeException.class, this::createDestination);
        var message = refused.getStatus().getDescription();
        assertTrue(
                message.startsWith(
                        "creating ConfigurationSetEventDestination (firehose): operation error SESv2: CreateConfigurationSetEventDestination, "
                                + "https response error StatusCode: 400, RequestID: "),
                message);
        assertTrue(message.endsWith(", BadRequestException: Could not assume IAM role"), message);
        assertEquals("ses-logs|firehose", createDestination().getId(), "the second attempt succeeds");
    }

    @Test
    void firehoseThrottlingAndRoute53ChangeBatchErrorsAreAnsweredOnTheirAttemptsOnly() throws IOException {
        var stream = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
        var record = "aws:route53/record:Record";
        Files.writeString(
                faults,
                """
                {"errors": [
                  {"type": "%s", "operation": "create", "attempts": [1, 2], "resource": "Kinesis Firehose Delivery Stream",
                   "awsOperation": "Firehose: CreateDeliveryStream", "code": "LimitExceededException",
                   "message": "Rate exceeded for the CreateDeliveryStream operation."},
                  {"type": "%s", "operation": "update", "resource": "Route53 Record",
                   "awsOperation": "Route 53: ChangeResourceRecordSets", "code": "InvalidChangeBatch",
                   "message": "[Tried to create resource record set [name='dev.example.com.', type='TXT'] but it already exists]"}]}"""
                        .formatted(stream, record));
        var create = Provider.CreateRequest.newBuilder()
                .setType(stream)
                .setUrn("urn:pulumi:dev::ses-logs::" + stream + "::event-stream")
                .setProperties(WireValues.toStruct(Map.of("name", "ses-logs-111111111111-eu-west-1")))
                .build();
        for (var attempt = 1; attempt <= 2; attempt++) {
            var throttled = assertThrows(StatusRuntimeException.class, () -> aws.create(create));
            assertTrue(
                    throttled
                            .getStatus()
                            .getDescription()
                            .startsWith("creating Kinesis Firehose Delivery Stream (event-stream): "
                                    + "operation error Firehose: CreateDeliveryStream"),
                    throttled.getStatus().getDescription());
            assertTrue(throttled
                    .getStatus()
                    .getDescription()
                    .endsWith("LimitExceededException: Rate exceeded for the CreateDeliveryStream operation."));
        }
        assertEquals(
                "arn:aws:firehose:eu-west-1:111111111111:deliverystream/ses-logs-111111111111-eu-west-1",
                aws.create(create).getId(),
                "the third attempt succeeds");
        var txt = WireValues.toStruct(Map.of(
                "zoneId", "Z1", "name", "dev.example.com", "type", "TXT", "records", java.util.List.of("v=spf1 -all")));
        var refused = assertThrows(
                StatusRuntimeException.class,
                () -> aws.update(Provider.UpdateRequest.newBuilder()
                        .setType(record)
                        .setUrn("urn:pulumi:dev::ses-logs::" + record + "::spf")
                        .setId("Z1_dev.example.com_TXT")
                        .setOlds(txt)
                        .setNews(txt)
                        .build()));
        assertTrue(
                refused.getStatus()
                        .getDescription()
                        .startsWith("updating Route53 Record (Z1_dev.example.com_TXT): operation error Route 53: "
                                + "ChangeResourceRecordSets, https response error StatusCode: 400"),
                refused.getStatus().getDescription());
        assertTrue(refused.getStatus()
                .getDescription()
                .contains("InvalidChangeBatch: [Tried to create resource record set"));
    }

    @Test
    void readReturnsWhatWasChangedOutsidePulumiUntilPulumiWritesItAgain() throws IOException {
        Files.writeString(
                faults,
                """
                {"drift": [{"type": "%s", "name": "log-delivery-stale", "set": {"threshold": 3600, "dimensions.DeliveryStreamName": "x"}}],
                 "gone": [{"typePrefix": "aws:s3/", "id": "bucket"}]}"""
                        .formatted(ALARM));
        var urn = "urn:pulumi:dev::ses-logs::" + ALARM + "::log-delivery-stale";
        var state = WireValues.toStruct(Map.of(
                "name",
                "ses-logs-log-delivery-stale",
                "threshold",
                900,
                "comparisonOperator",
                "GreaterThanThreshold",
                "statistic",
                "Maximum",
                "period",
                300,
                "dimensions",
                Map.of("DeliveryStreamName", "s")));
        var read = aws.read(Provider.ReadRequest.newBuilder()
                .setType(ALARM)
                .setUrn(urn)
                .setId("a")
                .setProperties(state)
                .setInputs(state)
                .build());
        assertEquals(3600.0, read.getProperties().getFieldsOrThrow("threshold").getNumberValue());
        assertEquals(
                3600.0,
                read.getInputs().getFieldsOrThrow("threshold").getNumberValue(),
                "the provider reads inputs back too");
        assertEquals(
                "x",
                read.getInputs()
                        .getFieldsOrThrow("dimensions")
                        .getStructValue()
                        .getFieldsOrThrow("DeliveryStreamName")
                        .getStringValue());
        var other = aws.read(Provider.ReadRequest.newBuilder()
                .setType(ALARM)
                .setUrn(urn + "-other")
                .setId("b")
                .setProperties(state)
                .setInputs(state)
                .build());
        assertEquals(
                900.0,
                other.getProperties().getFieldsOrThrow("threshold").getNumberValue(),
                "only the named resource drifted");

        aws.update(Provider.UpdateRequest.newBuilder()
                .setType(ALARM)
                .setUrn(urn)
                .setId("a")
                .setOlds(read.getProperties())
                .setNews(state)
                .build());
        var restored = aws.read(Provider.ReadRequest.newBuilder()
                .setType(ALARM)
                .setUrn(urn)
                .setId("a")
                .setProperties(state)
                .setInputs(state)
                .build());
        assertEquals(
                900.0,
                restored.getProperties().getFieldsOrThrow("threshold").getNumberValue(),
                "pulumi up put the program's value back");

        var bucket = "aws:s3/bucketPolicy:BucketPolicy";
        var gone = aws.read(Provider.ReadRequest.newBuilder()
                .setType(bucket)
                .setUrn("urn:pulumi:dev::ses-logs::" + bucket + "::p")
                .setId("bucket")
                .setProperties(WireValues.toStruct(Map.of("bucket", "bucket")))
                .build());
        assertEquals("", gone.getId(), "deleted by hand: the read finds nothing");
    }
}
