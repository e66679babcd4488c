// The policies of the pack, importable without starting the analyzer server (index.ts does that).
import { Policies } from "@pulumi/policy";
import { s3BucketPrivate } from "./policies/s3/s3BucketPrivate";
import { s3BucketEncrypted } from "./policies/s3/s3BucketEncrypted";
import { s3BucketTlsOnly } from "./policies/s3/s3BucketTlsOnly";
import { s3BucketLifecycle } from "./policies/s3/s3BucketLifecycle";
import { firehosePartitionedStreamRules } from "./policies/firehose/firehosePartitionedStreamRules";
import { sesConfigurationSetRequiresTls } from "./policies/ses/sesConfigurationSetRequiresTls";
import { sesConfigurationSetLogsEvents } from "./policies/ses/sesConfigurationSetLogsEvents";
import { sesIdentityFullyWired } from "./policies/ses/sesIdentityFullyWired";
import { iamTrustScopedToSource } from "./policies/iam/iamTrustScopedToSource";
import { iamNoWildcardPermissions } from "./policies/iam/iamNoWildcardPermissions";
import { cloudwatchLogGroupRetention } from "./policies/cloudwatch/cloudwatchLogGroupRetention";
import { cloudwatchFirehoseLogGroupRetention } from "./policies/cloudwatch/cloudwatchFirehoseLogGroupRetention";
import { costTagOnTaggableResources } from "./policies/tags/costTagOnTaggableResources";
import { dataBearingResourcesProtected } from "./policies/protection/dataBearingResourcesProtected";
import { snsTopicUsableBySes } from "./policies/sns/snsTopicUsableBySes";
import { glueAthenaFriendlyNames } from "./policies/glue/glueAthenaFriendlyNames";
import { glueProjectionComplete } from "./policies/glue/glueProjectionComplete";
import { glueTablePartitionProjection } from "./policies/glue/glueTablePartitionProjection";
import { resourcePolicyPrincipalsNarrowed } from "./policies/iam/resourcePolicyPrincipalsNarrowed";
import { firehosePartitionKeysProduced } from "./policies/firehose/firehosePartitionKeysProduced";
import { athenaWorkgroupEnforced } from "./policies/athena/athenaWorkgroupEnforced";
import { kmsKeyRotationEnabled } from "./policies/kms/kmsKeyRotationEnabled";
import { firehoseStreamEncrypted } from "./policies/firehose/firehoseStreamEncrypted";
import { snsTopicTlsOnly } from "./policies/sns/snsTopicTlsOnly";
import { snsTopicEncrypted } from "./policies/sns/snsTopicEncrypted";
import { iamNoAwsManagedPolicies } from "./policies/iam/iamNoAwsManagedPolicies";
import { iamRolePoliciesManagedOneWay } from "./policies/iam/iamRolePoliciesManagedOneWay";
import { s3BucketAccessLogging } from "./policies/s3/s3BucketAccessLogging";
import { s3BucketStorageClassReadable } from "./policies/s3/s3BucketStorageClassReadable";

export const policies: Policies = [
    s3BucketPrivate,
    s3BucketEncrypted,
    s3BucketTlsOnly,
    s3BucketLifecycle,
    firehosePartitionedStreamRules,
    sesConfigurationSetRequiresTls,
    sesConfigurationSetLogsEvents,
    sesIdentityFullyWired,
    iamTrustScopedToSource,
    iamNoWildcardPermissions,
    cloudwatchLogGroupRetention,
    cloudwatchFirehoseLogGroupRetention,
    costTagOnTaggableResources,
    dataBearingResourcesProtected,
    snsTopicUsableBySes,
    glueAthenaFriendlyNames,
    glueProjectionComplete,
    glueTablePartitionProjection,
    resourcePolicyPrincipalsNarrowed,
    firehosePartitionKeysProduced,
    athenaWorkgroupEnforced,
    kmsKeyRotationEnabled,
    firehoseStreamEncrypted,
    snsTopicTlsOnly,
    snsTopicEncrypted,
    iamNoAwsManagedPolicies,
    iamRolePoliciesManagedOneWay,
    s3BucketAccessLogging,
    s3BucketStorageClassReadable,
];
