package dev.seslogs.aws;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetCallerIdentityArgs;
import com.pulumi.aws.inputs.GetPartitionArgs;
import com.pulumi.aws.inputs.GetRegionArgs;
import com.pulumi.aws.outputs.GetCallerIdentityResult;
import com.pulumi.aws.outputs.GetPartitionResult;
import com.pulumi.aws.outputs.GetRegionResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ProviderResource;
import java.util.Optional;

/**
 * The account, region and partition the stack deploys into, as the AWS provider resolves them
 * (the article's {@code AWS::AccountId} and {@code AWS::Region} pseudo parameters).
 */
public record AwsTarget(Output<String> accountId, Output<String> region, Output<String> partition) {

    public static AwsTarget lookup(Optional<ProviderResource> provider) {
        var options =
                provider.map(p -> InvokeOptions.builder().provider(p).build()).orElse(InvokeOptions.Empty);
        return new AwsTarget(
                AwsFunctions.getCallerIdentity(GetCallerIdentityArgs.builder().build(), options)
                        .applyValue(GetCallerIdentityResult::accountId),
                AwsFunctions.getRegion(GetRegionArgs.builder().build(), options).applyValue(GetRegionResult::name),
                AwsFunctions.getPartition(GetPartitionArgs.builder().build(), options)
                        .applyValue(GetPartitionResult::partition));
    }

    /** {@code arn:<partition>:<service>:<region>:<account>:<resource>}, the ARN shape of regional resources. */
    public Output<String> regionalArn(String service, Output<String> resource) {
        return Output.format("arn:%s:%s:%s:%s:%s", partition, service, region, accountId, resource);
    }
}
