package dev.seslogs.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pulumirpc.Provider;
import pulumirpc.ResourceProviderGrpc;

/** The simulated AWS as the real engine sees it: the provider's gRPC interface, over a real channel. */
class SimulatedAwsProviderTest {
    private static Server server;
    private static ManagedChannel channel;
    private static ResourceProviderGrpc.ResourceProviderBlockingStub aws;

    @BeforeAll
    static void start() throws IOException {
        server = SimulatedAwsProvider.serve(
                new SimulatedAwsProvider("111111111111", Set.of("example.com"), Optional.empty()));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext()
                .build();
        aws = ResourceProviderGrpc.newBlockingStub(channel);
        aws.configure(configure(Map.of("region", "eu-west-1", "allowedAccountIds", "[\"111111111111\"]")));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static Provider.ConfigureRequest configure(Map<String, String> args) {
        var struct = Struct.newBuilder();
        args.forEach((key, value) -> struct.putFields(key, string(value)));
        return Provider.ConfigureRequest.newBuilder().setArgs(struct).build();
    }

    private static Value string(String value) {
        return Value.newBuilder().setStringValue(value).build();
    }

    private static Struct struct(Map<String, String> values) {
        var struct = Struct.newBuilder();
        values.forEach((key, value) -> struct.putFields(key, string(value)));
        return struct.build();
    }

    private static Provider.DiffResponse diff(String type, Map<String, String> olds, Map<String, String> news) {
        return aws.diff(Provider.DiffRequest.newBuilder()
                .setType(type)
                .setUrn("urn:pulumi:dev::ses-logs::" + type + "::r")
                .setId("r")
                .setOldInputs(struct(olds))
                .setOlds(struct(olds))
                .setNews(struct(news))
                .build());
    }

    @Test
    void aStackInAnAccountItDoesNotAllowIsRefusedAtConfigure() {
        var refused = assertThrows(
                StatusRuntimeException.class,
                () -> aws.configure(
                        configure(Map.of("region", "eu-west-1", "allowedAccountIds", "[\"999999999999\"]"))));
        assertTrue(refused.getStatus().getDescription().contains("999999999999"), refused.getMessage());
        var noRegion = assertThrows(StatusRuntimeException.class, () -> aws.configure(configure(Map.of())));
        assertTrue(
                noRegion.getStatus().getDescription().contains("missing required configuration key \"region\""),
                noRegion.getMessage());
        aws.configure(configure(Map.of("region", "eu-west-1", "allowedAccountIds", "[\"111111111111\"]")));
    }

    @Test
    void aForceNewPropertyReplacesAndAnyOtherUpdatesInPlace() {
        var bucket = "aws:s3/bucketV2:BucketV2";
        var renamed = diff(
                bucket, Map.of("bucket", "a", "forceDestroy", "false"), Map.of("bucket", "b", "forceDestroy", "false"));
        assertEquals(List.of("bucket"), renamed.getReplacesList());
        assertEquals(
                Provider.PropertyDiff.Kind.UPDATE_REPLACE,
                renamed.getDetailedDiffMap().get("bucket").getKind());
        var retagged = diff(
                bucket, Map.of("bucket", "a", "forceDestroy", "false"), Map.of("bucket", "a", "forceDestroy", "true"));
        assertEquals(Provider.DiffResponse.DiffChanges.DIFF_SOME, retagged.getChanges());
        assertEquals(List.of(), retagged.getReplacesList());
        assertEquals(
                Provider.PropertyDiff.Kind.UPDATE,
                retagged.getDetailedDiffMap().get("forceDestroy").getKind());
        var same = diff(bucket, Map.of("bucket", "a"), Map.of("bucket", "a"));
        assertEquals(Provider.DiffResponse.DiffChanges.DIFF_NONE, same.getChanges());
        // Athena has no UpdateNamedQuery: every change of a saved query replaces it.
        assertEquals(
                List.of("query"),
                diff("aws:athena/namedQuery:NamedQuery", Map.of("query", "SELECT 1"), Map.of("query", "SELECT 2"))
                        .getReplacesList());
        assertEquals(
                List.of(),
                diff(
                                "aws:cloudwatch/logGroup:LogGroup",
                                Map.of("retentionInDays", "30"),
                                Map.of("retentionInDays", "60"))
                        .getReplacesList());
    }

    private static Provider.DiffResponse diffValues(String type, Map<String, Object> olds, Map<String, Object> news) {
        return aws.diff(Provider.DiffRequest.newBuilder()
                .setType(type)
                .setUrn("urn:pulumi:dev::ses-logs::" + type + "::r")
                .setId("r")
                .setOldInputs(WireValues.toStruct(olds))
                .setOlds(WireValues.toStruct(olds))
                .setNews(WireValues.toStruct(news))
                .build());
    }

    @Test
    void replacementsFollowTheProviderSourceNestedArgumentsIncluded() {
        // firehose/delivery_stream.go: dynamic partitioning cannot be switched on or off in place.
        var stream = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
        Map<String, Object> partitioned = Map.of(
                "name",
                "s",
                "extendedS3Configuration",
                Map.of("bufferingSize", 64.0, "dynamicPartitioningConfiguration", Map.of("enabled", true)));
        Map<String, Object> plain = Map.of(
                "name",
                "s",
                "extendedS3Configuration",
                Map.of("bufferingSize", 64.0, "dynamicPartitioningConfiguration", Map.of("enabled", false)));
        Map<String, Object> rebuffered = Map.of(
                "name",
                "s",
                "extendedS3Configuration",
                Map.of("bufferingSize", 128.0, "dynamicPartitioningConfiguration", Map.of("enabled", true)));
        var toggled = diffValues(stream, plain, partitioned);
        assertEquals(List.of("extendedS3Configuration"), toggled.getReplacesList());
        assertEquals(
                Provider.PropertyDiff.Kind.UPDATE_REPLACE,
                toggled.getDetailedDiffMap()
                        .get("extendedS3Configuration.dynamicPartitioningConfiguration.enabled")
                        .getKind());
        assertEquals(
                List.of(), diffValues(stream, partitioned, rebuffered).getReplacesList(), "buffering updates in place");
        // route53/record.go: only name and zone_id force a new record; a type change is one change batch.
        var record = "aws:route53/record:Record";
        assertEquals(
                List.of(),
                diff(
                                record,
                                Map.of("zoneId", "Z1", "name", "a", "type", "TXT"),
                                Map.of("zoneId", "Z1", "name", "a", "type", "SPF"))
                        .getReplacesList());
        assertEquals(
                List.of(),
                diff(
                                record,
                                Map.of("zoneId", "Z1", "name", "a", "setIdentifier", "x"),
                                Map.of("zoneId", "Z1", "name", "a", "setIdentifier", "y"))
                        .getReplacesList());
        assertEquals(
                List.of("name"),
                diff(record, Map.of("zoneId", "Z1", "name", "a"), Map.of("zoneId", "Z1", "name", "b"))
                        .getReplacesList());
        // sns/topic_subscription.go: endpoint_auto_confirms updates in place.
        var subscription = "aws:sns/topicSubscription:TopicSubscription";
        assertEquals(
                List.of(),
                diff(
                                subscription,
                                Map.of("endpoint", "a@example.com", "endpointAutoConfirms", "false"),
                                Map.of("endpoint", "a@example.com", "endpointAutoConfirms", "true"))
                        .getReplacesList());
        assertEquals(
                List.of("endpoint"),
                diff(subscription, Map.of("endpoint", "a@example.com"), Map.of("endpoint", "b@example.com"))
                        .getReplacesList());
        // glue/catalog_table.go: partition_index is ForceNew.
        assertEquals(
                List.of("partitionIndices"),
                diffValues(
                                "aws:glue/catalogTable:CatalogTable",
                                Map.of("name", "t"),
                                Map.of(
                                        "name",
                                        "t",
                                        "partitionIndices",
                                        List.of(Map.of("indexName", "i", "keys", List.of("day")))))
                        .getReplacesList());
    }

    @Test
    void checkRefusesWhatAwsRefusesOnceTheValuesAreKnown() {
        var tooLong = "x".repeat(64);
        var check = aws.check(Provider.CheckRequest.newBuilder()
                .setType("aws:s3/bucketV2:BucketV2")
                .setUrn("urn:pulumi:dev::ses-logs::aws:s3/bucketV2:BucketV2::log-bucket")
                .setNews(struct(Map.of("bucket", tooLong)))
                .build());
        assertEquals(1, check.getFailuresCount(), check.toString());
        var unknown = aws.check(Provider.CheckRequest.newBuilder()
                .setType("aws:s3/bucketV2:BucketV2")
                .setUrn("urn:pulumi:dev::ses-logs::aws:s3/bucketV2:BucketV2::log-bucket")
                .setNews(struct(Map.of("bucket", RecordingMonitor.UNKNOWN)))
                .build());
        assertEquals(0, unknown.getFailuresCount(), "an unknown value waits for the update");
    }

    @Test
    void onlyAnExistingIdentityCanBeImported() {
        var type = "aws:sesv2/emailIdentity:EmailIdentity";
        var urn = "urn:pulumi:prod::ses-logs::" + type + "::identity";
        var existing = aws.read(Provider.ReadRequest.newBuilder()
                .setType(type)
                .setUrn(urn)
                .setId("example.com")
                .build());
        assertEquals("example.com", existing.getId());
        var missing = aws.read(Provider.ReadRequest.newBuilder()
                .setType(type)
                .setUrn(urn)
                .setId("other.example.com")
                .build());
        assertEquals("", missing.getId(), "importing what does not exist finds nothing, as in AWS");
    }
}
