package dev.seslogs.aws;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderAssumeRoleArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import dev.seslogs.config.Settings;

/**
 * The one AWS provider every resource and lookup of the stack uses, built from the stack's own
 * settings rather than from ambient credentials and {@code aws:*} defaults: the region, the role
 * to assume in the target account, and the accounts the stack may touch at all.
 */
public final class AwsProvider {
    /** Shown in CloudTrail as the session of every call the stack makes through the assumed role. */
    public static final String SESSION_NAME = "ses-logs-pulumi";

    private AwsProvider() {
    }

    public static Provider create(Settings settings) {
        var args = ProviderArgs.builder()
                .region(settings.region())
                // Tags declared on each resource as well: default tags are invisible to policy
                // checks and to resources whose tags the provider cannot merge.
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(settings.tags()).build());
        if (!settings.allowedAccountIds().isEmpty()) {
            // The provider refuses to run in any other account, before it changes anything.
            args.allowedAccountIds(settings.allowedAccountIds());
        }
        settings.assumeRoleArn().ifPresent(roleArn -> args.assumeRole(ProviderAssumeRoleArgs.builder()
                .roleArn(roleArn)
                .sessionName(SESSION_NAME)
                .build()));
        return new Provider("aws", args.build());
    }
}
