package dev.seslogs.archive;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketNotification;
import com.pulumi.aws.s3.BucketNotificationArgs;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleTransitionArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.seslogs.aws.AwsTarget;
import dev.seslogs.aws.PhysicalNames;
import dev.seslogs.aws.PolicyDocument;
import dev.seslogs.config.LogStorageClass;
import dev.seslogs.stream.PartitionLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The S3 bucket that keeps every SES event and Athena's query results: private, encrypted,
 * TLS-only, expiring by the retention setting, and protected from deletion and replacement.
 */
public final class LogArchive extends ComponentResource {
    public static final String TYPE = "ses-logs:index:LogArchive";

    /** Where the Athena workgroup writes query results (the article's prefix). */
    public static final String QUERY_RESULTS_PREFIX = "athenaAdhocQueries/";

    /**
     * Firehose writes with multipart uploads; a part left by an interrupted delivery is billed
     * until aborted, and no upload of ours legitimately takes more than a day.
     */
    public static final int ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS = 1;

    /** The policy variable for the calling principal's account: each member's own folders. */
    static final String OWN_ACCOUNT = "${aws:PrincipalAccount}";

    /** How long a deleted or overwritten log object stays recoverable when versioning is on. */
    public static final int NONCURRENT_VERSION_DAYS = 30;

    private final Output<String> bucketName;
    private final Output<String> bucketArn;

    /**
     * @param tags                     tags of the bucket
     * @param retentionDays            days a log object is kept
     * @param queryResultRetentionDays days Athena's query results are kept
     * @param versioning               keep overwritten or deleted objects as noncurrent versions for {@link #NONCURRENT_VERSION_DAYS}
     * @param storageClass             where log objects move after {@code storageClassAfterDays} (STANDARD: they stay)
     * @param storageClassAfterDays    age in days at which log objects move
     * @param memberAccounts           accounts whose event streams write into the bucket (empty: only this one's)
     */
    public record Args(
            Map<String, String> tags,
            int retentionDays,
            int queryResultRetentionDays,
            boolean versioning,
            LogStorageClass storageClass,
            int storageClassAfterDays,
            List<String> memberAccounts) {
        public Args {
            tags = Map.copyOf(tags);
            memberAccounts = List.copyOf(memberAccounts);
        }
    }

    public LogArchive(
            String name,
            Args settings,
            PhysicalNames names,
            AwsTarget target,
            Optional<Output<String>> dataKeyArn,
            ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        // A bucket holds the only copy of the logs: `pulumi destroy`, or a change that would
        // replace it, must fail instead (protect), and even an unprotected delete keeps it (retain).
        var bucket = new BucketV2(
                "log-bucket",
                BucketV2Args.builder()
                        .bucket(names.logBucket())
                        .forceDestroy(false)
                        .tags(settings.tags())
                        .build(),
                CustomResourceOptions.builder()
                        .parent(this)
                        .protect(true)
                        .retainOnDelete(true)
                        .build());

        // S3 rejects concurrent configuration calls on one bucket ("OperationAborted"), so the
        // bucket's settings are applied one after another.
        var ownership = new BucketOwnershipControls(
                "log-bucket-ownership",
                BucketOwnershipControlsArgs.builder()
                        .bucket(bucket.id())
                        .rule(BucketOwnershipControlsRuleArgs.builder()
                                .objectOwnership("BucketOwnerEnforced")
                                .build())
                        .build(),
                child);

        var publicAccessBlock = new BucketPublicAccessBlock(
                "log-bucket-public-access-block",
                BucketPublicAccessBlockArgs.builder()
                        .bucket(bucket.id())
                        .blockPublicAcls(true)
                        .blockPublicPolicy(true)
                        .ignorePublicAcls(true)
                        .restrictPublicBuckets(true)
                        .build(),
                afterOf(ownership));

        var byDefault = BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder()
                .sseAlgorithm(dataKeyArn.isPresent() ? "aws:kms" : "AES256");
        dataKeyArn.ifPresent(byDefault::kmsMasterKeyId);
        var encryption = new BucketServerSideEncryptionConfigurationV2(
                "log-bucket-encryption",
                BucketServerSideEncryptionConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                .applyServerSideEncryptionByDefault(byDefault.build())
                                // One data key per bucket instead of per object: far fewer KMS requests.
                                .bucketKeyEnabled(dataKeyArn.isPresent())
                                .build())
                        .build(),
                afterOf(publicAccessBlock));

        var writerRolePattern = names.firehoseToS3RolePattern();
        var bucketPolicy = new BucketPolicy(
                "log-bucket-policy",
                BucketPolicyArgs.builder()
                        .bucket(bucket.id())
                        // The ARN from the name (S3 ARNs hold no account or region): known during a preview.
                        .policy(Output.tuple(
                                        Output.format("arn:%s:s3:::%s", target.partition(), names.logBucket()),
                                        target.partition(),
                                        dataKeyArn.orElse(Output.of("")))
                                .applyValue(t -> bucketPolicy(
                                        t.t1,
                                        t.t2,
                                        settings.memberAccounts(),
                                        writerRolePattern,
                                        t.t3.isEmpty() ? Optional.empty() : Optional.of(t.t3))))
                        .build(),
                afterOf(encryption));

        com.pulumi.resources.Resource previous = bucketPolicy;
        if (settings.versioning()) {
            previous = new BucketVersioningV2(
                    "log-bucket-versioning",
                    BucketVersioningV2Args.builder()
                            .bucket(bucket.id())
                            .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder()
                                    .status("Enabled")
                                    .build())
                            .build(),
                    afterOf(previous));
        }
        var lifecycle = new BucketLifecycleConfigurationV2(
                "log-bucket-lifecycle",
                BucketLifecycleConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(lifecycleRules(settings))
                        .build(),
                afterOf(previous));

        // Lets EventBridge see new objects, so objects under errorLog/ can be announced (Alarms).
        new BucketNotification(
                "log-bucket-events-to-eventbridge",
                BucketNotificationArgs.builder()
                        .bucket(bucket.id())
                        .eventbridge(true)
                        .build(),
                afterOf(lifecycle));

        this.bucketName = bucket.bucket();
        this.bucketArn = bucket.arn();
        registerOutputs(Map.of("bucketName", bucketName, "bucketArn", bucketArn));
    }

    public Output<String> bucketName() {
        return bucketName;
    }

    public Output<String> bucketArn() {
        return bucketArn;
    }

    private CustomResourceOptions afterOf(com.pulumi.resources.Resource previous) {
        return CustomResourceOptions.builder().parent(this).dependsOn(previous).build();
    }

    /**
     * Denies every request that is not TLS 1.2 or later, for everyone, the account included.
     *
     * <p>Pins the encryption of every log object to the bucket's own: a writer may send no
     * encryption header (Firehose sends none; the bucket's default applies) or exactly the
     * bucket's, never SSE-C or a KMS key of its own. Otherwise a member account could write
     * objects the archive and its Athena workgroup cannot read, and later revoke its key.
     *
     * <p>In an archive, lets each member account's stream role write under that account's own
     * folders only, in one statement for all members: the folders are named by the caller's
     * account ({@code ${aws:PrincipalAccount}}), the principal is any AWS principal narrowed to the
     * member accounts ({@code aws:PrincipalAccount}; valid before the members' roles exist, so the
     * archive can be deployed first) and to the stream role's name ({@code aws:PrincipalArn}).
     * Adding a member adds one account id and updates the policy in place. A member may list
     * only its own folders (a Deny on every other prefix, the root included): object keys name
     * the other members, their event types and their daily volumes. Firehose finds the bucket's
     * region with GetBucketLocation and writes with PutObject and multipart uploads it aborts by
     * upload id (AWS's Firehose guide, "Grant Firehose access to an Amazon S3 destination", lists
     * ListBucket and ListBucketMultipartUploads too, without saying what for). ListBucket stays
     * open under the member's own folders; ListBucketMultipartUploads is not granted, because S3
     * offers no condition to narrow it to a prefix.
     */
    static String bucketPolicy(
            String bucketArn,
            String partition,
            List<String> memberAccounts,
            String writerRolePattern,
            Optional<String> keyArn) {
        var logObjects = new String[] {
            bucketArn + "/" + PartitionLayout.DATA_ROOT + "*", bucketArn + "/" + PartitionLayout.ERROR_ROOT + "*"
        };
        var statements = new ArrayList<PolicyDocument.Statement>(List.of(
                PolicyDocument.deny("DenyInsecureTransport")
                        .anyPrincipal()
                        .actions("s3:*")
                        .resources(bucketArn, bucketArn + "/*")
                        .condition("Bool", "aws:SecureTransport", "false"),
                PolicyDocument.deny("DenyOutdatedTls")
                        .anyPrincipal()
                        .actions("s3:*")
                        .resources(bucketArn, bucketArn + "/*")
                        .condition("NumericLessThan", "s3:TlsVersion", "1.2"),
                PolicyDocument.deny("DenyLogObjectsNotInTheBucketsEncryption")
                        .anyPrincipal()
                        .actions("s3:PutObject")
                        .resources(logObjects)
                        // Both: a header is sent, and it is not the bucket's (an absent key would
                        // make StringNotEquals true, and IfExists too).
                        .condition("Null", "s3:x-amz-server-side-encryption", "false")
                        .condition(
                                "StringNotEquals",
                                "s3:x-amz-server-side-encryption",
                                keyArn.isPresent() ? "aws:kms" : "AES256"),
                PolicyDocument.deny("DenyLogObjectsWithCustomerProvidedKeys")
                        .anyPrincipal()
                        .actions("s3:PutObject")
                        .resources(logObjects)
                        .condition("Null", "s3:x-amz-server-side-encryption-customer-algorithm", "false")));
        keyArn.ifPresent(key -> statements.add(PolicyDocument.deny("DenyLogObjectsUnderAnotherKmsKey")
                .anyPrincipal()
                .actions("s3:PutObject")
                .resources(logObjects)
                .condition("Null", "s3:x-amz-server-side-encryption-aws-kms-key-id", "false")
                .condition("StringNotEquals", "s3:x-amz-server-side-encryption-aws-kms-key-id", key)));
        if (!memberAccounts.isEmpty()) {
            // One statement for every member, whatever their number: the folders are the caller's
            // own account's (${aws:PrincipalAccount}), and the list of members appears once, so
            // the policy grows by one account id per member and 1,000 fit in S3's 20 KB
            // (MAX_MEMBER_ACCOUNTS, checked by a test). The principal is any AWS principal,
            // narrowed to the member accounts and to their stream roles' names by conditions.
            var memberRole = "arn:" + partition + ":iam::*:role/" + writerRolePattern;
            var ownFolders = new String[] {
                PartitionLayout.DATA_ROOT + OWN_ACCOUNT + "/*", PartitionLayout.ERROR_ROOT + OWN_ACCOUNT + "/*"
            };
            statements.add(PolicyDocument.allow("MembersWriteTheirOwnFolders")
                    .accountPrincipal("*")
                    .actions(
                            "s3:AbortMultipartUpload",
                            "s3:GetObject",
                            "s3:PutObject",
                            "s3:GetBucketLocation",
                            "s3:ListBucket")
                    .resources(bucketArn, bucketArn + "/" + ownFolders[0], bucketArn + "/" + ownFolders[1])
                    .condition("StringEquals", "aws:PrincipalAccount", memberAccounts.toArray(String[]::new))
                    .condition("ArnLike", "aws:PrincipalArn", memberRole));
            // Listing is allowed above on the whole bucket (ListBucket's resource is the bucket);
            // this keeps a member's stream role to its own folders, and to no listing of the root.
            statements.add(PolicyDocument.deny("MembersListOnlyTheirOwnFolders")
                    .accountPrincipal("*")
                    .actions("s3:ListBucket")
                    .resources(bucketArn)
                    .condition("ArnLike", "aws:PrincipalArn", memberRole)
                    .condition("StringNotLike", "s3:prefix", ownFolders));
        }
        return PolicyDocument.of(statements).toJson();
    }

    /**
     * When rules overlap S3 applies the shortest expiration, so the query-results rule wins
     * under its prefix and the retention rule everywhere else.
     */
    static List<BucketLifecycleConfigurationV2RuleArgs> lifecycleRules(Args settings) {
        var rules = new ArrayList<BucketLifecycleConfigurationV2RuleArgs>(List.of(
                BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("expire-logs-after-retention")
                        .status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder()
                                .prefix("")
                                .build())
                        .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                                .days(settings.retentionDays())
                                .build())
                        .build(),
                BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("abort-incomplete-multipart-uploads")
                        .status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder()
                                .prefix("")
                                .build())
                        .abortIncompleteMultipartUpload(
                                BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                                        .daysAfterInitiation(ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS)
                                        .build())
                        .build(),
                BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("expire-athena-query-results")
                        .status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder()
                                .prefix(QUERY_RESULTS_PREFIX)
                                .build())
                        .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                                .days(settings.queryResultRetentionDays())
                                .build())
                        .build()));
        if (settings.storageClass() != LogStorageClass.STANDARD) {
            // Only the log prefixes move: Athena's results expire soon and would pay the class's
            // minimum storage duration for nothing. Objects under 128 KB stay in STANDARD (S3's
            // default transition minimum since 2024): IA and Glacier IR bill 128 KB per object,
            // so moving small ones would cost more than it saves.
            for (var prefix : List.of(PartitionLayout.DATA_ROOT, PartitionLayout.ERROR_ROOT)) {
                rules.add(BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("move-" + prefix.replace("/", "") + "-to-"
                                + settings.storageClass()
                                        .configValue()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace('_', '-'))
                        .status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder()
                                .prefix(prefix)
                                .build())
                        .transitions(BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                                .days(settings.storageClassAfterDays())
                                .storageClass(settings.storageClass().configValue())
                                .build())
                        .build());
            }
        }
        if (settings.versioning()) {
            // With versioning, expiry only hides an object behind a delete marker; the old version
            // is kept for a grace period (to undo a mistaken delete), then removed, and so is the marker.
            rules.add(BucketLifecycleConfigurationV2RuleArgs.builder()
                    .id("remove-noncurrent-versions")
                    .status("Enabled")
                    .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder()
                            .prefix("")
                            .build())
                    .noncurrentVersionExpiration(
                            BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                                    .noncurrentDays(NONCURRENT_VERSION_DAYS)
                                    .build())
                    .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                            .expiredObjectDeleteMarker(true)
                            .build())
                    .build());
        }
        return List.copyOf(rules);
    }
}
