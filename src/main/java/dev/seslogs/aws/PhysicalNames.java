package dev.seslogs.aws;

import com.pulumi.core.Output;

/**
 * The physical (AWS) names of everything the stack creates. They depend only on the name prefix,
 * the account and the region, never on retention, tags or other settings, so changing a setting
 * never renames, and therefore never replaces, a resource.
 *
 * <p>Account-wide names (IAM roles) carry the region so one account can run the stack in several
 * regions; regional names carry the account where the article did (the bucket name is global).
 */
public final class PhysicalNames {
    private final String prefix;
    private final AwsTarget target;

    public PhysicalNames(String prefix, AwsTarget target) {
        this.prefix = prefix;
        this.target = target;
    }

    /** {@code <prefix>-<account>-<region>}, the article's name for the bucket, stream and configuration set. */
    private Output<String> accountRegional() {
        return Output.format("%s-%s-%s", prefix, target.accountId(), target.region());
    }

    public Output<String> logBucket() {
        return accountRegional();
    }

    public Output<String> eventStream() {
        return accountRegional();
    }

    public Output<String> configurationSet() {
        return accountRegional();
    }

    public Output<String> eventStreamLogGroup() {
        return Output.format("/aws/firehose/%s", eventStream());
    }

    public Output<String> sesToFirehoseRole() {
        return Output.format("%s-ses-to-firehose-%s", prefix, target.region());
    }

    public Output<String> firehoseToS3Role() {
        return Output.format("%s-firehose-to-s3-%s", prefix, target.region());
    }

    /** Every region's Firehose delivery role of this prefix: what an archive admits from its members. */
    public String firehoseToS3RolePattern() {
        return prefix + "-firehose-to-s3-*";
    }

    public Output<String> feedbackTopic() {
        return Output.format("%s-feedback", prefix);
    }

    /** The topic for people: readable bounces and complaints, and every alarm. */
    public Output<String> alertsTopic() {
        return Output.format("%s-alerts", prefix);
    }

    public Output<String> dataKeyAlias() {
        return Output.format("alias/%s-data", prefix);
    }

    /** EventBridge rule and CloudWatch alarm names start with this, so topic policies can admit exactly them. */
    public String operationsPrefix() {
        return prefix + "-";
    }

    /** CloudWatch dashboards are global to the account: the region keeps each region's stack apart. */
    public Output<String> dashboard() {
        return Output.format("%s-%s", prefix, target.region());
    }

    public Output<String> queryWorkgroup() {
        return Output.format("%s-%s", prefix, target.region());
    }

    /**
     * Athena needs back-quotes around a database name with a hyphen, which the article's
     * {@code ses-logs-<region>} has; underscores need none.
     */
    public Output<String> glueDatabase() {
        return Output.format("%s_%s", prefix, target.region()).applyValue(name -> name.replace('-', '_'));
    }
}
