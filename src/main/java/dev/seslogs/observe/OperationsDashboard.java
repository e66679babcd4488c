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
import dev.seslogs.config.Settings;

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

    public OperationsDashboard(String name, String stackName, Settings settings, PhysicalNames names, AwsTarget target,
                               Optional<Output<String>> streamName, Optional<Output<String>> bucketName,
                               Optional<Output<String>> workgroupName, List<String> savedQueryNames, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var body = Output.tuple(target.region(), optional(streamName), optional(bucketName), optional(workgroupName))
                .applyValue(t -> StableJson.toJson(DashboardBody.of(new DashboardBody.Spec(stackName, t.t1, settings,
                        t.t2, t.t3, t.t4, savedQueryNames))));
        var dashboard = new Dashboard("operations-dashboard", DashboardArgs.builder()
                .dashboardName(names.dashboard())
                .dashboardBody(body)
                .build(), CustomResourceOptions.builder().parent(this).build());
        this.url = Output.tuple(target.region(), dashboard.dashboardName()).applyValue(t ->
                "https://" + t.t1 + ".console.aws.amazon.com/cloudwatch/home?region=" + t.t1 + "#dashboards/dashboard/" + t.t2);
        registerOutputs(Map.of("url", url));
    }

    public Output<String> url() {
        return url;
    }

    private static Output<Optional<String>> optional(Optional<Output<String>> value) {
        return value.map(output -> output.applyValue(Optional::of)).orElse(Output.of(Optional.empty()));
    }

}
