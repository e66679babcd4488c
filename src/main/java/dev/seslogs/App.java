package dev.seslogs;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.StackReference;
import dev.seslogs.archive.LogArchive;
import dev.seslogs.aws.AwsProvider;
import dev.seslogs.aws.AwsTarget;
import dev.seslogs.aws.PhysicalNames;
import dev.seslogs.catalog.EventTable;
import dev.seslogs.catalog.QueryCatalog;
import dev.seslogs.config.LogFormat;
import dev.seslogs.config.Settings;
import dev.seslogs.config.SettingsError;
import dev.seslogs.config.StackConfig;
import dev.seslogs.keys.DataKey;
import dev.seslogs.notify.Alarms;
import dev.seslogs.notify.Notifications;
import dev.seslogs.observe.OperationsDashboard;
import dev.seslogs.sdk.PulumiRuntime;
import dev.seslogs.ses.SesWiring;
import dev.seslogs.stream.EventStream;
import dev.seslogs.stream.LogDestination;
import java.util.List;
import java.util.Optional;

/**
 * ses-logs: SES sending events to S3 through Firehose, queryable with Athena, and bounce and
 * complaint feedback to SNS, with nothing left to the console.
 *
 * <p>A standalone stack has it all; an archive stack keeps the logs of several sending accounts;
 * a member stack sends mail and streams its events into an archive's bucket.
 */
public final class App {
    /** The project's name in Pulumi.yaml: the namespace of its configuration keys. */
    public static final String PROJECT = "ses-logs";
    /** The outputs of an archive stack that its member stacks read. */
    public static final String ARCHIVE_BUCKET_ARN_OUTPUT = "logBucketArn";

    public static final String ARCHIVE_BUCKET_NAME_OUTPUT = "logBucketName";
    /** The archive's customer managed key ARN, or "" when its bucket uses S3-managed keys. */
    public static final String ARCHIVE_KEY_ARN_OUTPUT = "logKeyArn";
    /** Every stack's region; a member reads its archive's, the region S3 calls KMS from for the bucket. */
    public static final String REGION_OUTPUT = "region";

    private App() {}

    public static void main(String[] args) {
        PulumiRuntime.prepareCommonPool();
        // A configuration mistake is the user's, not the program's: say it in one line, as the
        // CLI does, before the SDK starts (it would print the exception with its stack trace).
        try {
            Settings.load(
                    StackConfig.fromEnvironment(),
                    Optional.ofNullable(System.getenv("PULUMI_PROJECT")).orElse(PROJECT));
        } catch (SettingsError e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
        PulumiRuntime.fromEnvironment().run(App::stack);
    }

    public static void stack(Context ctx) {
        stack(ctx, StackConfig.fromEnvironment());
    }

    /** The stack with its configuration given explicitly: what the tests and the offline preview run. */
    public static void stack(Context ctx, StackConfig config) {
        // Validate everything before registering anything: a bad value must not leave half a stack.
        var settings = Settings.load(config, ctx.projectName());
        // A member streams into its archive's bucket: read the archive first, so that a missing
        // or undeployed archive stops the program with one error before anything else is registered.
        var archiveStack = settings.topology() == Settings.Topology.MEMBER
                ? Optional.of(ArchiveReference.read(settings.archiveStack().orElseThrow()))
                : Optional.<StackReference>empty();
        var provider = AwsProvider.create(new AwsProvider.Args(
                settings.region(), settings.allowedAccountIds(), settings.assumeRoleArn(), settings.tags()));
        var options = ComponentResourceOptions.builder().providers(provider).build();
        var target = AwsTarget.lookup(Optional.of(provider));
        var names = new PhysicalNames(settings.namePrefix(), target);

        var dataKey = settings.customerManagedKey()
                ? Optional.of(new DataKey(
                                "data-key",
                                new DataKey.Args(settings.tags(), settings.sendsMail(), settings.memberAccounts()),
                                names,
                                target,
                                options)
                        .keyArn())
                : Optional.<Output<String>>empty();
        var notifications = new Notifications(
                "notifications",
                new Notifications.Args(settings.tags(), settings.notificationEmails(), settings.sendsMail()),
                names,
                target,
                dataKey,
                options);
        ctx.export("alertsTopicArn", notifications.alertsTopicArn());

        // An archive keeps several accounts' logs: its table and queries have an account partition.
        var perAccount = settings.topology() == Settings.Topology.ARCHIVE;
        LogDestination destination;
        Optional<Output<String>> localBucketName = Optional.empty();
        Optional<Output<String>> workgroupName = Optional.empty();
        Optional<EventStream.ConversionSchema> conversionSchema = Optional.empty();
        if (settings.keepsLogs()) {
            var archive = new LogArchive(
                    "log-archive",
                    new LogArchive.Args(
                            settings.tags(),
                            settings.retentionDays(),
                            settings.queryResultRetentionDays(),
                            settings.logBucketVersioning(),
                            settings.logStorageClass(),
                            settings.logStorageClassAfterDays(),
                            settings.memberAccounts()),
                    names,
                    target,
                    dataKey,
                    options);
            var catalog = new QueryCatalog(
                    "query-catalog",
                    new QueryCatalog.Args(
                            settings.tags(),
                            settings.retentionDays(),
                            settings.queryScanLimitMb(),
                            settings.messageTags(),
                            perAccount,
                            settings.memberAccounts(),
                            settings.logFormat()),
                    names,
                    archive.bucketName(),
                    options);
            if (settings.logFormat() == LogFormat.PARQUET) {
                // Standalone only (Settings): the stream converts with this stack's own table.
                conversionSchema = Optional.of(new EventStream.ConversionSchema(
                        names.glueDatabase(), EventTable.TABLE_NAME, EventTable.jsonKeyMappings(), catalog.table()));
            }
            destination = new LogDestination(
                    archive.bucketArn(),
                    Output.format("arn:%s:s3:::%s", target.partition(), names.logBucket()),
                    target.region(),
                    dataKey);
            localBucketName = Optional.of(archive.bucketName());
            ctx.export(ARCHIVE_BUCKET_NAME_OUTPUT, archive.bucketName());
            ctx.export(ARCHIVE_BUCKET_ARN_OUTPUT, archive.bucketArn());
            ctx.export(ARCHIVE_KEY_ARN_OUTPUT, dataKey.orElse(Output.of("")));
            ctx.export("glueDatabaseName", catalog.databaseName());
            ctx.export("glueTableName", catalog.tableName());
            ctx.export("athenaWorkgroupName", catalog.workgroupName());
            workgroupName = Optional.of(catalog.workgroupName());
            ctx.export("logRetentionDays", settings.retentionDays());
        } else {
            var archive = archiveStack.orElseThrow();
            var archiveBucketArn =
                    archive.requireOutput(ARCHIVE_BUCKET_ARN_OUTPUT).applyValue(String::valueOf);
            destination = new LogDestination(
                    archiveBucketArn,
                    archiveBucketArn,
                    archive.requireOutput(REGION_OUTPUT).applyValue(String::valueOf),
                    Optional.of(archive.output(ARCHIVE_KEY_ARN_OUTPUT)
                            .applyValue(key -> key == null ? "" : String.valueOf(key))));
            ctx.export(
                    "archiveBucketName",
                    archive.requireOutput(ARCHIVE_BUCKET_NAME_OUTPUT).applyValue(String::valueOf));
        }

        Optional<Output<String>> streamName = Optional.empty();
        if (settings.sendsMail()) {
            var stream = new EventStream(
                    "event-stream",
                    new EventStream.Args(
                            settings.tags(),
                            settings.logGroupRetentionDays(),
                            settings.topology() == Settings.Topology.MEMBER),
                    names,
                    target,
                    destination,
                    dataKey,
                    conversionSchema,
                    options);
            var ses = new SesWiring(
                    "ses",
                    new SesWiring.Args(
                            settings.tags(),
                            settings.identities(),
                            settings.publishedEventTypes(),
                            settings.suppressBouncesAndComplaints(),
                            settings.deliverabilityInsights(),
                            settings.mailFromSubdomain(),
                            settings.hostedZones(),
                            settings.dmarcPolicy()),
                    names,
                    target,
                    stream.streamArn(),
                    notifications.feedbackTopicArn(),
                    options);
            streamName = Optional.of(stream.streamName());
            ctx.export("eventStreamName", stream.streamName());
            ctx.export("eventStreamLogGroupName", stream.logGroupName());
            ctx.export("logGroupRetentionDays", settings.logGroupRetentionDays());
            ctx.export("configurationSetName", ses.configurationSetName());
            ctx.export("feedbackTopicArn", notifications.feedbackTopicArn());
            ctx.export("dnsRecords", ses.dnsRecords());
        }
        var reputation = settings.sendsMail()
                ? Optional.of(
                        new Alarms.ReputationWarnings(settings.bounceRateWarning(), settings.complaintRateWarning()))
                : Optional.<Alarms.ReputationWarnings>empty();
        new Alarms(
                "alarms",
                new Alarms.Args(settings.tags(), reputation),
                names,
                notifications.alertsTopicArn(),
                streamName,
                localBucketName,
                options);
        var dashboard = new OperationsDashboard(
                "operations-dashboard",
                new OperationsDashboard.Args(
                        ctx.stackName(),
                        settings.topology().configValue(),
                        settings.namePrefix(),
                        reputation,
                        settings.logStorageClass(),
                        settings.topology() == Settings.Topology.MEMBER ? settings.archiveStack() : Optional.empty(),
                        settings.keepsLogs() ? QueryCatalog.savedQueryNames(perAccount) : List.of()),
                names,
                target,
                streamName,
                localBucketName,
                workgroupName,
                options);
        ctx.export("dashboardUrl", dashboard.url());
        ctx.export("topology", settings.topology().configValue());
        ctx.export("accountId", target.accountId());
        ctx.export(REGION_OUTPUT, target.region());
    }
}
