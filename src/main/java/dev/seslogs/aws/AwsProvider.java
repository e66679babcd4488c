package dev.seslogs.aws;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderAssumeRoleArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one AWS provider every resource and lookup of the stack uses, built from the stack's own
 * settings rather than from ambient credentials and {@code aws:*} defaults: the region, the role
 * to assume in the target account, and the accounts the stack may touch at all.
 */
public final class AwsProvider {
    /** Shown in CloudTrail as the session of every call the stack makes through the assumed role. */
    public static final String SESSION_NAME = "ses-logs-pulumi";

    private AwsProvider() {}

    /**
     * @param region            the region every resource is created in
     * @param allowedAccountIds the only accounts the provider may act in (empty: any)
     * @param assumeRoleArn     the role to assume in the target account (empty: the caller's own credentials)
     * @param defaultTags       tags the provider puts on every taggable resource
     */
    public record Args(
            String region,
            List<String> allowedAccountIds,
            Optional<String> assumeRoleArn,
            Map<String, String> defaultTags) {
        public Args {
            allowedAccountIds = List.copyOf(allowedAccountIds);
            defaultTags = Map.copyOf(defaultTags);
        }
    }

    public static Provider create(Args settings) {
        var args = ProviderArgs.builder()
                .region(settings.region())
                // Tags declared on each resource as well: default tags are invisible to policy
                // checks and to resources whose tags the provider cannot merge.
                .defaultTags(ProviderDefaultTagsArgs.builder()
                        .tags(settings.defaultTags())
                        .build());
        if (!settings.allowedAccountIds().isEmpty()) {
            // The provider refuses to run in any other account, before it changes anything.
            args.allowedAccountIds(settings.allowedAccountIds());
        }
        settings.assumeRoleArn()
                .ifPresent(roleArn -> args.assumeRole(ProviderAssumeRoleArgs.builder()
                        .roleArn(roleArn)
                        .sessionName(SESSION_NAME)
                        .build()));
        return new Provider("aws", args.build());
    }
}
