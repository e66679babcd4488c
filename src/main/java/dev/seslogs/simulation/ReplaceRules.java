package dev.seslogs.simulation;

import java.util.Map;
import java.util.Set;

/**
 * Which changes make the AWS provider replace a resource instead of updating it in place: the
 * top-level arguments the provider's schema marks {@code ForceNew} (SDKv2) or
 * {@code RequiresReplace} (plugin framework), from hashicorp/terraform-provider-aws
 * {@code internal/service/<service>/<resource>.go}, which pulumi-aws 6.x bridges unchanged.
 * Property names are Pulumi's (the Terraform names in lowerCamelCase, with pulumi-aws's renames).
 * Every other change is an update in place. Checked line by line against the provider's source
 * for {@code athena/named_query.go} (every argument ForceNew), {@code logs/group.go}
 * ({@code name}, {@code name_prefix}, {@code log_group_class}; retention and key update in place)
 * and {@code sesv2/configuration_set_event_destination.go} (the two names; the destination itself
 * updates in place);
 * the rest follows the same files' schemas as of the provider release pulumi-aws 6.83 bridges,
 * and is what only a real {@code pulumi preview} against AWS confirms (README, "not verified").
 */
final class ReplaceRules {
    private ReplaceRules() {
    }

    static final Map<String, Set<String>> FORCE_NEW = Map.ofEntries(
            Map.entry("aws:s3/bucketV2:BucketV2", Set.of("bucket", "bucketPrefix", "objectLockEnabled")),
            Map.entry("aws:s3/bucketPolicy:BucketPolicy", Set.of("bucket")),
            Map.entry("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", Set.of("bucket")),
            Map.entry("aws:s3/bucketOwnershipControls:BucketOwnershipControls", Set.of("bucket")),
            Map.entry("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                    Set.of("bucket", "expectedBucketOwner")),
            Map.entry("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", Set.of("bucket", "expectedBucketOwner")),
            Map.entry("aws:s3/bucketVersioningV2:BucketVersioningV2", Set.of("bucket", "expectedBucketOwner")),
            Map.entry("aws:s3/bucketNotification:BucketNotification", Set.of("bucket")),
            Map.entry("aws:iam/role:Role", Set.of("name", "namePrefix", "path")),
            Map.entry("aws:iam/rolePolicy:RolePolicy", Set.of("name", "namePrefix", "role")),
            Map.entry("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
                    Set.of("name", "destination", "kinesisSourceConfiguration", "mskSourceConfiguration")),
            Map.entry("aws:cloudwatch/logGroup:LogGroup", Set.of("name", "namePrefix", "logGroupClass")),
            Map.entry("aws:cloudwatch/logStream:LogStream", Set.of("name", "logGroupName")),
            Map.entry("aws:sesv2/configurationSet:ConfigurationSet", Set.of("configurationSetName")),
            Map.entry("aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination",
                    Set.of("configurationSetName", "eventDestinationName")),
            Map.entry("aws:sesv2/emailIdentity:EmailIdentity", Set.of("emailIdentity")),
            Map.entry("aws:sesv2/emailIdentityFeedbackAttributes:EmailIdentityFeedbackAttributes", Set.of("emailIdentity")),
            Map.entry("aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes", Set.of("emailIdentity")),
            Map.entry("aws:ses/identityNotificationTopic:IdentityNotificationTopic", Set.of("identity", "notificationType")),
            Map.entry("aws:athena/workgroup:Workgroup", Set.of("name")),
            // A named query cannot be updated at all (Athena has no UpdateNamedQuery in the provider).
            Map.entry("aws:athena/namedQuery:NamedQuery", Set.of("name", "workgroup", "database", "query", "description")),
            Map.entry("aws:glue/catalogDatabase:CatalogDatabase", Set.of("name", "catalogId")),
            Map.entry("aws:glue/catalogTable:CatalogTable", Set.of("name", "databaseName", "catalogId")),
            Map.entry("aws:sns/topic:Topic", Set.of("name", "namePrefix", "fifoTopic")),
            Map.entry("aws:sns/topicPolicy:TopicPolicy", Set.of("arn")),
            Map.entry("aws:sns/topicSubscription:TopicSubscription", Set.of("topic", "protocol", "endpoint", "endpointAutoConfirms")),
            Map.entry("aws:kms/key:Key", Set.of("customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId")),
            Map.entry("aws:kms/alias:Alias", Set.of("name", "namePrefix")),
            Map.entry("aws:cloudwatch/eventRule:EventRule", Set.of("name", "namePrefix", "eventBusName")),
            Map.entry("aws:cloudwatch/eventTarget:EventTarget", Set.of("rule", "targetId", "eventBusName")),
            Map.entry("aws:cloudwatch/metricAlarm:MetricAlarm", Set.of("name")),
            Map.entry("aws:cloudwatch/dashboard:Dashboard", Set.of("dashboardName")),
            Map.entry("aws:route53/record:Record", Set.of("zoneId", "name", "type", "setIdentifier", "allowOverwrite")));

    /** The top-level properties whose change replaces a resource of this type. */
    static Set<String> forceNew(String type) {
        return FORCE_NEW.getOrDefault(type, Set.of());
    }
}
