package dev.seslogs;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.resources.ComponentResourceOptions;
import dev.seslogs.archive.LogArchive;
import dev.seslogs.aws.AwsTarget;
import dev.seslogs.aws.PhysicalNames;
import dev.seslogs.catalog.QueryCatalog;
import dev.seslogs.config.Settings;
import dev.seslogs.config.StackConfig;
import dev.seslogs.notify.Notifications;
import dev.seslogs.ses.SesWiring;
import dev.seslogs.stream.EventStream;

import java.util.Optional;

/**
 * ses-logs: SES sending events to S3 through Firehose, queryable with Athena, and bounce and
 * complaint feedback to SNS, with nothing left to the console.
 */
public final class App {
    private App() {
    }

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        stack(ctx, StackConfig.fromEnvironment());
    }

    /** The stack with its configuration given explicitly: what the tests and the offline preview run. */
    public static void stack(Context ctx, StackConfig config) {
        // Validate everything before registering anything: a bad value must not leave half a stack.
        var settings = Settings.load(config, ctx.projectName());
        var target = AwsTarget.lookup(Optional.empty());
        var names = new PhysicalNames(settings.namePrefix(), target);
        var options = ComponentResourceOptions.Empty;

        var archive = new LogArchive("log-archive", settings, names, options);
        var stream = new EventStream("event-stream", settings, names, target, archive.bucketArn(), options);
        var notifications = new Notifications("notifications", settings, names, target, options);
        var ses = new SesWiring("ses", settings, names, target, stream.streamArn(), notifications.feedbackTopicArn(), options);
        var catalog = new QueryCatalog("query-catalog", settings, names, archive.bucketName(), options);

        ctx.export("logBucketName", archive.bucketName());
        ctx.export("eventStreamName", stream.streamName());
        ctx.export("eventStreamLogGroupName", stream.logGroupName());
        ctx.export("configurationSetName", ses.configurationSetName());
        ctx.export("feedbackTopicArn", notifications.feedbackTopicArn());
        ctx.export("glueDatabaseName", catalog.databaseName());
        ctx.export("athenaWorkgroupName", catalog.workgroupName());
        ctx.export("dkimRecords", ses.dkimRecords());
        ctx.export("logRetentionDays", settings.retentionDays());
        ctx.export("logGroupRetentionDays", settings.logGroupRetentionDays());
    }
}
