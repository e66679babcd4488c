package dev.seslogs.simulation;

import java.util.Map;
import java.util.Set;

/**
 * Which changes make the AWS provider replace a resource instead of updating it in place: the
 * arguments the provider's schema marks {@code ForceNew} (SDKv2) or {@code RequiresReplace}
 * (plugin framework), from hashicorp/terraform-provider-aws
 * {@code internal/service/<service>/<resource>.go}, which pulumi-aws 6.x bridges unchanged.
 * Property names are Pulumi's (the Terraform names in lowerCamelCase, with pulumi-aws's renames);
 * a nested argument is a dotted path through its blocks (a block of at most one item is an
 * object in Pulumi). Every other change is an update in place. Checked against the provider's
 * source: {@code athena/named_query.go} (every argument ForceNew), {@code logs/group.go}
 * ({@code name}, {@code name_prefix}, {@code log_group_class}), {@code sesv2/configuration_set_event_destination.go}
 * (the two names), {@code route53/record.go} (only {@code name} and {@code zone_id}: a type or
 * set-identifier change is one transactional change batch, an update), {@code sns/topic_subscription.go}
 * ({@code endpoint}, {@code protocol}, {@code topic_arn}), {@code firehose/delivery_stream.go}
 * ({@code extended_s3_configuration.dynamic_partitioning_configuration} cannot be switched on or
 * off in place) and {@code glue/catalog_table.go} ({@code partition_index}); the rest follows the
 * same files' schemas as of the release pulumi-aws 6.83 bridges, and is what only a real
 * {@code pulumi preview} against AWS confirms (docs/verification.md).
 */
final class ReplaceRules {
    private ReplaceRules() {}

    /** Kept equal to judges/replace-rules.json, where each entry names the provider file it was read from (judges/run checks). */
    static final Map<String, Set<String>> FORCE_NEW = Map.ofEntries(
            Map.entry(
                    "aws:s3/bucketV2:BucketV2",
                    Set.of("bucket", "bucketPrefix", "objectLockEnabled", "objectLockConfiguration.objectLockEnabled")),
            Map.entry("aws:s3/bucketPolicy:BucketPolicy", Set.of("bucket")),
            Map.entry("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", Set.of("bucket")),
            Map.entry("aws:s3/bucketOwnershipControls:BucketOwnershipControls", Set.of("bucket")),
            Map.entry(
                    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                    Set.of("bucket", "expectedBucketOwner")),
            Map.entry(
                    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                    Set.of("bucket", "expectedBucketOwner")),
            Map.entry("aws:s3/bucketVersioningV2:BucketVersioningV2", Set.of("bucket", "expectedBucketOwner")),
            Map.entry("aws:s3/bucketNotification:BucketNotification", Set.of("bucket")),
            Map.entry("aws:iam/role:Role", Set.of("name", "namePrefix", "path")),
            Map.entry("aws:iam/rolePolicy:RolePolicy", Set.of("name", "namePrefix", "role")),
            Map.entry(
                    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
                    Set.of(
                            "name",
                            "destination",
                            "extendedS3Configuration.dynamicPartitioningConfiguration",
                            "extendedS3Configuration.dynamicPartitioningConfiguration.enabled",
                            "kinesisSourceConfiguration",
                            "kinesisSourceConfiguration.kinesisStreamArn",
                            "kinesisSourceConfiguration.roleArn",
                            "mskSourceConfiguration",
                            "mskSourceConfiguration.authenticationConfiguration",
                            "mskSourceConfiguration.authenticationConfiguration.connectivity",
                            "mskSourceConfiguration.authenticationConfiguration.roleArn",
                            "mskSourceConfiguration.mskClusterArn",
                            "elasticsearchConfiguration.s3BackupMode",
                            "elasticsearchConfiguration.vpcConfig",
                            "elasticsearchConfiguration.vpcConfig.roleArn",
                            "elasticsearchConfiguration.vpcConfig.securityGroupIds",
                            "elasticsearchConfiguration.vpcConfig.subnetIds",
                            "icebergConfiguration.catalogArn",
                            "icebergConfiguration.destinationTableConfigurations",
                            "httpEndpointConfiguration.secretsManagerConfiguration.enabled")),
            Map.entry("aws:cloudwatch/logGroup:LogGroup", Set.of("logGroupClass", "name", "namePrefix")),
            Map.entry("aws:cloudwatch/logStream:LogStream", Set.of("logGroupName", "name")),
            Map.entry("aws:sesv2/configurationSet:ConfigurationSet", Set.of("configurationSetName")),
            Map.entry(
                    "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination",
                    Set.of("configurationSetName", "eventDestinationName")),
            Map.entry("aws:sesv2/emailIdentity:EmailIdentity", Set.of("emailIdentity")),
            Map.entry(
                    "aws:sesv2/emailIdentityFeedbackAttributes:EmailIdentityFeedbackAttributes",
                    Set.of("emailIdentity")),
            Map.entry(
                    "aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes",
                    Set.of("emailIdentity")),
            Map.entry(
                    "aws:ses/identityNotificationTopic:IdentityNotificationTopic",
                    Set.of("identity", "notificationType")),
            Map.entry("aws:athena/workgroup:Workgroup", Set.of("name")),
            Map.entry(
                    "aws:athena/namedQuery:NamedQuery",
                    Set.of("database", "description", "name", "query", "workgroup")),
            Map.entry("aws:glue/catalogDatabase:CatalogDatabase", Set.of("catalogId", "name", "targetDatabase")),
            Map.entry(
                    "aws:glue/catalogTable:CatalogTable",
                    Set.of(
                            "catalogId",
                            "databaseName",
                            "name",
                            "partitionIndices",
                            "openTableFormatInput.icebergInput.metadataOperation",
                            "openTableFormatInput.icebergInput.version")),
            Map.entry("aws:sns/topic:Topic", Set.of("fifoTopic", "name", "namePrefix")),
            Map.entry("aws:sns/topicPolicy:TopicPolicy", Set.of("arn")),
            Map.entry("aws:sns/topicSubscription:TopicSubscription", Set.of("endpoint", "protocol", "topic")),
            Map.entry(
                    "aws:kms/key:Key",
                    Set.of("customKeyStoreId", "customerMasterKeySpec", "keyUsage", "multiRegion", "xksKeyId")),
            Map.entry("aws:kms/alias:Alias", Set.of("name", "namePrefix")),
            Map.entry("aws:cloudwatch/eventRule:EventRule", Set.of("eventBusName", "name", "namePrefix")),
            Map.entry("aws:cloudwatch/eventTarget:EventTarget", Set.of("rule", "targetId", "eventBusName")),
            Map.entry("aws:cloudwatch/metricAlarm:MetricAlarm", Set.of("name")),
            Map.entry("aws:cloudwatch/dashboard:Dashboard", Set.of("dashboardName")),
            Map.entry("aws:route53/record:Record", Set.of("name", "zoneId")));

    /** The properties (dotted paths for nested ones) whose change replaces a resource of this type. */
    static Set<String> forceNew(String type) {
        return FORCE_NEW.getOrDefault(type, Set.of());
    }

    /**
     * The paths under the changed top-level property {@code key} whose values differ between the
     * old and new inputs and force a replacement: {@code key} itself when it is ForceNew as a
     * whole, else each nested ForceNew path under it whose value changed.
     */
    static java.util.List<String> replacingPaths(
            String type, String key, Map<String, Object> olds, Map<String, Object> news) {
        var paths = new java.util.ArrayList<String>();
        for (var path : forceNew(type)) {
            if (path.equals(key)) {
                paths.add(path);
            } else if (path.startsWith(key + ".")
                    && (WireValues.containsUnknown(at(news, path))
                            || !java.util.Objects.equals(at(olds, path), at(news, path)))) {
                paths.add(path);
            }
        }
        return paths;
    }

    /** The value at a dotted path through nested objects, or null where the path ends early. */
    static Object at(Map<String, Object> values, String path) {
        Object current = values;
        for (var part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
