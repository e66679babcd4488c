// The policies of the pack, importable without starting the analyzer server (index.ts does that).
import { Policies } from "@pulumi/policy";
import { logBucketPrivate } from "./policies/s3/logBucketPrivate";
import { logBucketEncrypted } from "./policies/s3/logBucketEncrypted";
import { logBucketTlsOnly } from "./policies/s3/logBucketTlsOnly";
import { logBucketLifecycle } from "./policies/s3/logBucketLifecycle";
import { partitionedStreamRules } from "./policies/firehose/partitionedStreamRules";
import { configurationSetRequiresTls } from "./policies/ses/configurationSetRequiresTls";
import { configurationSetLogsFeedback } from "./policies/ses/configurationSetLogsFeedback";
import { identityFullyWired } from "./policies/ses/identityFullyWired";
import { trustScopedToSource } from "./policies/iam/trustScopedToSource";
import { noWildcardPermissions } from "./policies/iam/noWildcardPermissions";
import { logGroupRetention } from "./policies/cloudwatch/logGroupRetention";
import { firehoseLogGroupRetention } from "./policies/cloudwatch/firehoseLogGroupRetention";
import { costTag } from "./policies/tags/costTag";
import { dataProtected } from "./policies/protection/dataProtected";
import { feedbackTopicUsable } from "./policies/sns/feedbackTopicUsable";
import { athenaFriendlyNames } from "./policies/glue/athenaFriendlyNames";
import { projectionComplete } from "./policies/glue/projectionComplete";
import { tableProjected } from "./policies/glue/tableProjected";
import { resourcePolicyPrincipals } from "./policies/iam/resourcePolicyPrincipals";
import { partitionKeysProduced } from "./policies/firehose/partitionKeysProduced";
import { workgroupEnforced } from "./policies/athena/workgroupEnforced";
import { keyRotationEnabled } from "./policies/kms/keyRotationEnabled";
import { streamEncrypted } from "./policies/firehose/streamEncrypted";
import { topicTlsOnly } from "./policies/sns/topicTlsOnly";
import { topicEncrypted } from "./policies/sns/topicEncrypted";
import { noAwsManagedPolicies } from "./policies/iam/noAwsManagedPolicies";
import { rolePolicyManagedOneWay } from "./policies/iam/rolePolicyManagedOneWay";
import { accessLogging } from "./policies/s3/accessLogging";
import { storageClassReadable } from "./policies/s3/storageClassReadable";

export const policies: Policies = [
    logBucketPrivate,
    logBucketEncrypted,
    logBucketTlsOnly,
    logBucketLifecycle,
    partitionedStreamRules,
    configurationSetRequiresTls,
    configurationSetLogsFeedback,
    identityFullyWired,
    trustScopedToSource,
    noWildcardPermissions,
    logGroupRetention,
    firehoseLogGroupRetention,
    costTag,
    dataProtected,
    feedbackTopicUsable,
    athenaFriendlyNames,
    projectionComplete,
    tableProjected,
    resourcePolicyPrincipals,
    partitionKeysProduced,
    workgroupEnforced,
    keyRotationEnabled,
    streamEncrypted,
    topicTlsOnly,
    topicEncrypted,
    noAwsManagedPolicies,
    rolePolicyManagedOneWay,
    accessLogging,
    storageClassReadable,
];
