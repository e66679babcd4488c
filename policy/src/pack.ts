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
import { costTag } from "./policies/tags/costTag";
import { dataProtected } from "./policies/protection/dataProtected";
import { feedbackTopicUsable } from "./policies/sns/feedbackTopicUsable";
import { athenaFriendlyNames } from "./policies/glue/athenaFriendlyNames";
import { projectionComplete } from "./policies/glue/projectionComplete";

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
    costTag,
    dataProtected,
    feedbackTopicUsable,
    athenaFriendlyNames,
    projectionComplete,
];
