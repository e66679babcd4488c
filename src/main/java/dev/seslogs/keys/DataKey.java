package dev.seslogs.keys;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.seslogs.aws.AwsTarget;
import dev.seslogs.aws.PhysicalNames;
import dev.seslogs.aws.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stack's own KMS key for the log bucket, the stream and the topics. A customer managed key
 * is what lets SES publish to an encrypted topic at all: SES cannot use the AWS managed
 * {@code alias/aws/sns} key, because its key policy cannot be changed to admit SES.
 */
public final class DataKey extends ComponentResource {
    public static final String TYPE = "ses-logs:index:DataKey";
    /** KMS's longest waiting period: a deleted key can be recovered for 30 days. */
    public static final int DELETION_WINDOW_DAYS = 30;

    private final Output<String> keyArn;

    /**
     * @param tags           tags of the key
     * @param sendsMail      the stack sends mail: SES and CloudWatch publish to its encrypted
     *                       topics, and it has a feedback topic besides the alerts topic
     * @param memberAccounts an archive's member accounts, whose delivery roles encrypt into its bucket (empty: none)
     */
    public record Args(Map<String, String> tags, boolean sendsMail, List<String> memberAccounts) {
        public Args {
            tags = Map.copyOf(tags);
            memberAccounts = List.copyOf(memberAccounts);
        }
    }

    public DataKey(
            String name, Args settings, PhysicalNames names, AwsTarget target, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var region = target.region();
        // Without the key every object and message it encrypted is unreadable: like the bucket,
        // it is protected and retained.
        var key = new Key(
                "data-key",
                KeyArgs.builder()
                        .description("Encrypts the SES logs, their delivery stream and the ses-logs topics")
                        .enableKeyRotation(true)
                        .deletionWindowInDays(DELETION_WINDOW_DAYS)
                        .policy(Output.tuple(
                                        target.partition(),
                                        target.accountId(),
                                        region,
                                        names.logBucket(),
                                        target.regionalArn("sns", names.alertsTopic()),
                                        target.regionalArn("sns", names.feedbackTopic()))
                                .applyValue(t -> keyPolicy(
                                        t.t1,
                                        t.t2,
                                        t.t3,
                                        servicesThatEncrypt(settings),
                                        "arn:" + t.t1 + ":s3:::" + t.t4,
                                        settings.memberAccounts(),
                                        names.firehoseToS3RolePattern(),
                                        settings.sendsMail() ? List.of(t.t5, t.t6) : List.of(t.t5))))
                        .tags(settings.tags())
                        .build(),
                CustomResourceOptions.builder()
                        .parent(this)
                        .protect(true)
                        .retainOnDelete(true)
                        .build());
        new Alias(
                "data-key-alias",
                AliasArgs.builder()
                        .name(names.dataKeyAlias())
                        .targetKeyId(key.keyId())
                        .build(),
                CustomResourceOptions.builder().parent(this).build());
        this.keyArn = key.arn();
        registerOutputs(Map.of("keyArn", keyArn));
    }

    public Output<String> keyArn() {
        return keyArn;
    }

    /**
     * The services that publish to this stack's encrypted topics, and so need the key: SES its
     * feedback and CloudWatch its alarms only where mail is sent; EventBridge the readable
     * bounces (where mail is sent) and the error-prefix announcements (where logs are kept), so
     * in every topology. An archive admits neither SES nor CloudWatch.
     */
    static List<String> servicesThatEncrypt(Args settings) {
        return settings.sendsMail()
                ? List.of("ses.amazonaws.com", "events.amazonaws.com", "cloudwatch.amazonaws.com")
                : List.of("events.amazonaws.com");
    }

    /**
     * Key policies must name {@code "Resource": "*"} (the key itself). The account keeps full
     * control through IAM; the services that write encrypted data get only data-key use, and only
     * for this account; member accounts of an archive only as their stream role, only through S3
     * in this (the bucket's) region, and only for the log bucket (with an S3 Bucket Key the
     * encryption context is the bucket's ARN).
     */
    static String keyPolicy(
            String partition,
            String accountId,
            String region,
            List<String> services,
            String logBucketArn,
            List<String> memberAccounts,
            String writerRolePattern,
            List<String> topicArns) {
        var statements = new ArrayList<PolicyDocument.Statement>();
        statements.add(PolicyDocument.allow("AccountAdministersThroughIam")
                .accountPrincipal("arn:" + partition + ":iam::" + accountId + ":root")
                .actions("kms:*")
                .resources("*"));
        for (var service : services) {
            statements.add(publisherStatement(service, accountId, region, topicArns));
        }
        if (!memberAccounts.isEmpty()) {
            // One statement for every member (the list once: 1,000 members fit in KMS's 32 KB).
            statements.add(PolicyDocument.allow("MembersWriteThroughS3")
                    .accountPrincipal("*")
                    .actions("kms:Decrypt", "kms:GenerateDataKey")
                    .resources("*")
                    .condition("StringEquals", "kms:CallerAccount", memberAccounts.toArray(String[]::new))
                    .condition("StringEquals", "kms:ViaService", "s3." + region + ".amazonaws.com")
                    .condition("StringEquals", "kms:EncryptionContext:aws:s3:arn", logBucketArn)
                    .condition(
                            "ArnLike", "aws:PrincipalArn", "arn:" + partition + ":iam::*:role/" + writerRolePattern));
        }
        return PolicyDocument.of(statements).toJson();
    }

    /**
     * How each publishing service may use the key, in the shape its own guide documents; a
     * narrower guess that the service does not satisfy drops notifications without an error.
     * <ul>
     * <li>EventBridge: the SNS guide (key management) says {@code aws:SourceAccount},
     * {@code aws:SourceArn} and {@code aws:SourceOrgID} are not supported in a key policy for
     * EventBridge-to-encrypted-topic delivery. SNS calls KMS for it, so the statement is scoped by
     * {@code kms:ViaService} (SNS in this region) and SNS's encryption context, the topic's ARN.
     * <li>SES: the SES guide's statement has no condition, and SES checks the key when a feedback
     * topic is set; whether SES sends a source key to KMS is not documented, so the documented
     * shape is used. It grants data-key use only, and only through publishing to a topic whose
     * own policy admits this account's SES identities.
     * <li>CloudWatch: alarm actions carry the source keys, so the statement keeps {@code aws:SourceAccount}.
     * </ul>
     */
    static PolicyDocument.Statement publisherStatement(
            String service, String accountId, String region, List<String> topicArns) {
        var statement = PolicyDocument.allow("PublishEncryptedMessages"
                        + service.substring(0, service.indexOf('.')).toUpperCase())
                .servicePrincipal(service)
                .actions("kms:Decrypt", "kms:GenerateDataKey*")
                .resources("*");
        return switch (service) {
            case "events.amazonaws.com" -> statement
                    .condition("StringEquals", "kms:ViaService", "sns." + region + ".amazonaws.com")
                    .condition(
                            "StringEquals", "kms:EncryptionContext:aws:sns:topicArn", topicArns.toArray(String[]::new));
            case "ses.amazonaws.com" -> statement;
            default -> statement.condition("StringEquals", "aws:SourceAccount", accountId);
        };
    }
}
