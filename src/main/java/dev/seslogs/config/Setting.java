package dev.seslogs.config;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting of the program, declared once: its key, type, default and description. The
 * project file's config block (Pulumi.yaml, which the CLI checks types against) and the README's
 * configuration table are generated from this list ({@code bash scripts/config-docs}) and a test
 * fails when either differs; {@link Settings#load} reads and validates each one.
 */
public enum Setting {
    REGION(
            "region",
            Type.STRING,
            null,
            "AWS region of every resource of the stack (the stack's own AWS provider; aws:region is not used)."),
    ALLOWED_ACCOUNT_IDS(
            "allowedAccountIds",
            Type.STRING_LIST,
            List.of(),
            "The only AWS accounts the stack may deploy into; the provider stops before any change in another "
                    + "account. Set it on every real stack."),
    ASSUME_ROLE_ARN(
            "assumeRoleArn",
            Type.STRING,
            "",
            "IAM role the AWS provider assumes in the target account (empty to use the caller's credentials as "
                    + "they are)."),
    TOPOLOGY(
            "topology",
            Type.STRING,
            "standalone",
            "standalone (everything in one account), archive (the central log bucket, catalog and queries for "
                    + "memberAccounts) or member (a sending account that streams into archiveStack's bucket)."),
    MEMBER_ACCOUNTS(
            "memberAccounts",
            Type.STRING_LIST,
            List.of(),
            "Archive only. The sending accounts whose streams may write into the archive bucket, each under its "
                    + "own folder."),
    ARCHIVE_STACK(
            "archiveStack",
            Type.STRING,
            "",
            "Member only. The archive stack as organization/project/stack; its logBucketArn output is read with a "
                    + "StackReference."),
    NAME_PREFIX(
            "namePrefix",
            Type.STRING,
            "ses-logs",
            "First part of every AWS name (bucket ses-logs-<account>-<region>). 1-20 lower-case letters, digits "
                    + "and hyphens, starting with a letter. Set a different one for a second stack in the same account and "
                    + "region."),
    RETENTION_DAYS(
            "retentionDays",
            Type.INTEGER,
            400,
            "Days the log bucket keeps SES events (35-540). The Firehose error log group keeps its logs for the "
                    + "nearest CloudWatch retention value that is not shorter."),
    COST_TAG("costTag", Type.STRING, "SES", "Value of the Cost tag on every taggable resource (1-30 characters)."),
    IDENTITIES(
            "identities",
            Type.STRING_LIST,
            List.of(),
            "Sending identities (domains or e-mail addresses). Each gets the configuration set as its default and "
                    + "the feedback topic for bounces and complaints."),
    EXISTING_IDENTITIES(
            "existingIdentities",
            Type.STRING_LIST,
            List.of(),
            "The identities from `identities` that already exist in SES. They are adopted (imported), not "
                    + "created, and are never deleted by this stack."),
    NOTIFICATION_EMAILS(
            "notificationEmails",
            Type.STRING_LIST,
            List.of(),
            "E-mail addresses subscribed to the alerts topic: every alarm, and each bounce and complaint as a "
                    + "readable message (each must confirm the subscription e-mail)."),
    TRACK_OPENS_AND_CLICKS(
            "trackOpensAndClicks",
            Type.BOOLEAN,
            false,
            "Also log Open and Click events. SES then adds a tracking pixel and rewrites links in every message "
                    + "sent with the configuration set."),
    QUERY_SCAN_LIMIT_MB(
            "queryScanLimitMb",
            Type.INTEGER,
            1024,
            "Athena cancels any query of the workgroup that scans more than this many MiB (10-2047)."),
    QUERY_RESULT_RETENTION_DAYS(
            "queryResultRetentionDays",
            Type.INTEGER,
            30,
            "Days Athena query results are kept under athenaAdhocQueries/ in the log bucket (1-365)."),
    BOUNCE_RATE_WARNING(
            "bounceRateWarning",
            Type.STRING,
            "2%",
            "SES bounce rate at which the warning alarm fires, above 0% and below 5% (AWS reviews the account at "
                    + "5% and may pause sending at 10%). A second alarm fires at 5%."),
    COMPLAINT_RATE_WARNING(
            "complaintRateWarning",
            Type.STRING,
            "0.05%",
            "SES complaint rate at which the warning alarm fires, above 0% and below 0.1% (AWS reviews the "
                    + "account at 0.1% and may pause sending at 0.5%). A second alarm fires at 0.1%."),
    SUPPRESS_BOUNCES_AND_COMPLAINTS(
            "suppressBouncesAndComplaints",
            Type.BOOLEAN,
            true,
            "The configuration set does not send to addresses on the account's suppression list for bounces and "
                    + "complaints."),
    MAIL_FROM_SUBDOMAIN(
            "mailFromSubdomain",
            Type.STRING,
            "",
            "Custom MAIL FROM subdomain (for example mail, giving mail.<domain>) for every created domain "
                    + "identity, for SPF alignment; empty keeps amazonses.com."),
    ROUTE53_ZONES(
            "route53Zones",
            Type.STRING_LIST,
            List.of(),
            "Route 53 hosted zones as <domain>=<zone id>. DKIM, MAIL FROM and DMARC records of created domain "
                    + "identities under a listed domain are created there; all others are exported in dnsRecords for "
                    + "whoever runs the DNS."),
    DMARC_POLICY(
            "dmarcPolicy",
            Type.STRING,
            "",
            "none, quarantine or reject to publish a DMARC record for each domain identity (with route53Zones, or "
                    + "in dnsRecords); empty publishes none."),
    CUSTOMER_MANAGED_KEY(
            "customerManagedKey",
            Type.BOOLEAN,
            false,
            "Encrypt the log bucket, the event stream and the topics with a KMS key of the stack's own (protected "
                    + "like the bucket) instead of AWS-managed keys."),
    LOG_BUCKET_VERSIONING(
            "logBucketVersioning",
            Type.BOOLEAN,
            false,
            "Keep deleted or overwritten log objects as noncurrent versions for 30 days, so a mistaken delete can "
                    + "be undone."),
    LOG_STORAGE_CLASS(
            "logStorageClass",
            Type.STRING,
            "STANDARD",
            "Where log objects move after logStorageClassAfterDays, still readable by Athena without a restore - "
                    + "STANDARD (they stay), STANDARD_IA (from 30 days; billed 30 days at least) or GLACIER_IR (billed 90 "
                    + "days at least). Objects under 128 KB stay in STANDARD. Standalone and archive stacks only."),
    LOG_STORAGE_CLASS_AFTER_DAYS(
            "logStorageClassAfterDays",
            Type.INTEGER,
            30,
            "Age in days at which log objects move to logStorageClass; must leave the class's minimum storage "
                    + "duration before retentionDays."),
    DELIVERABILITY_INSIGHTS(
            "deliverabilityInsights",
            Type.BOOLEAN,
            false,
            "Turn on SES Virtual Deliverability Manager (engagement metrics and optimized shared delivery) for "
                    + "the account and the configuration set. Billed by SES; see the README before turning it on."),
    MESSAGE_TAGS(
            "messageTags",
            Type.STRING_LIST,
            List.of(),
            "Optional. Every message tag, custom or SES's, is queryable without it in the map mail.all_tags "
                    + "(element_at(mail.all_tags, 'campaign')). Tags listed here are also fields of mail.tags (mail.tags.campaign) "
                    + "and, with logFormat parquet, columns of their own that a query reads alone. Letters, digits and underscores, "
                    + "not starting with ses_ nor named all_tags; names differing only by case count as one."),
    LOG_FORMAT(
            "logFormat",
            Type.STRING,
            "json",
            "How the event stream writes the logs - json (GZIP JSON, the article's layout) or parquet (Firehose converts "
                    + "every record to Parquet with the seslogs table's schema, so a query reads only the columns it names; Firehose "
                    + "bills the conversion per GB). Standalone stacks only. Changing it on a deployed stack leaves the old days in "
                    + "the old format, which the table no longer reads.");

    /** The types Pulumi.yaml declares, as the CLI checks them. */
    public enum Type {
        STRING("string"),
        INTEGER("integer"),
        BOOLEAN("boolean"),
        STRING_LIST("array");

        public final String yamlName;

        Type(String yamlName) {
            this.yamlName = yamlName;
        }
    }

    public final String key;
    public final Type type;
    /** The default, as Pulumi.yaml declares it; null: required (the CLI asks for it). */
    public final Object defaultValue;

    public final String description;

    Setting(String key, Type type, Object defaultValue, String description) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** The key, as messages name it. */
    @Override
    public String toString() {
        return key;
    }

    public String defaultString() {
        return (String) defaultValue;
    }

    public int defaultInt() {
        return (Integer) defaultValue;
    }

    public boolean defaultBoolean() {
        return (Boolean) defaultValue;
    }

    /** Every key this program reads under its project namespace; anything else is a typo. */
    public static Set<String> keys() {
        return Arrays.stream(values()).map(Setting::key).collect(Collectors.toUnmodifiableSet());
    }

    /** The declarations in the order Pulumi.yaml and the README list them. */
    public static List<Setting> declared() {
        return List.of(values());
    }
}
