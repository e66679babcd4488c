package dev.seslogs.observe;

import com.pulumi.aws.cloudwatch.Dashboard;
import com.pulumi.aws.cloudwatch.DashboardArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.seslogs.aws.AwsTarget;
import dev.seslogs.aws.PhysicalNames;
import dev.seslogs.aws.StableJson;
import dev.seslogs.config.LogStorageClass;
import dev.seslogs.notify.Alarms;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stack's CloudWatch dashboard: what the operator looks at, next to the alarms that mail
 * them. Named with the region because CloudWatch dashboards are global to the account.
 */
public final class OperationsDashboard extends ComponentResource {
    public static final String TYPE = "ses-logs:index:OperationsDashboard";

    private final Output<String> url;

    /**
     * @param stackName       the stack, named in the header
     * @param topology        standalone, archive or member, named in the header
     * @param namePrefix      the stack's name prefix, which its rule names start with
     * @param reputation      the reputation warnings drawn on the rate graphs (empty: the stack sends no mail)
     * @param logStorageClass where old log objects move (their size is drawn per class)
     * @param archiveStack    a member's archive stack, where its logs are kept and queried (empty: not a member)
     * @param savedQueryNames the saved queries listed beside the bucket
     */
    public record Args(
            String stackName,
            String topology,
            String namePrefix,
            Optional<Alarms.ReputationWarnings> reputation,
            LogStorageClass logStorageClass,
            Optional<String> archiveStack,
            List<String> savedQueryNames) {
        public Args {
            savedQueryNames = List.copyOf(savedQueryNames);
        }
    }

    public OperationsDashboard(
            String name,
            Args settings,
            PhysicalNames names,
            AwsTarget target,
            Optional<Output<String>> streamName,
            Optional<Output<String>> bucketName,
            Optional<Output<String>> workgroupName,
            ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var body = Output.tuple(target.region(), optional(streamName), optional(bucketName), optional(workgroupName))
                .applyValue(t ->
                        StableJson.toJson(DashboardBody.of(new DashboardBody.Spec(settings, t.t1, t.t2, t.t3, t.t4))));
        var dashboard = new Dashboard(
                "operations-dashboard",
                DashboardArgs.builder()
                        .dashboardName(names.dashboard())
                        .dashboardBody(body)
                        .build(),
                CustomResourceOptions.builder().parent(this).build());
        this.url = Output.tuple(target.region(), dashboard.dashboardName())
                .applyValue(t -> "https://" + t.t1 + ".console.aws.amazon.com/cloudwatch/home?region=" + t.t1
                        + "#dashboards/dashboard/" + t.t2);
        registerOutputs(Map.of("url", url));
    }

    public Output<String> url() {
        return url;
    }

    private static Output<Optional<String>> optional(Optional<Output<String>> value) {
        return value.map(output -> output.applyValue(Optional::of)).orElse(Output.of(Optional.empty()));
    }
}
