package dev.seslogs.rollout;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandResult;
import com.pulumi.automation.CommandRunOptions;
import com.pulumi.automation.PulumiCommand;
import com.pulumi.automation.Version;
import java.util.List;

/**
 * The CLI as the Automation API runs it, with what pulumi-java 1.36.1 gets wrong corrected:
 * <ul>
 * <li>it passes {@code UpdateOptions.policyPackConfigs} as {@code --policy-pack-configs}, which no
 * Pulumi CLI knows ("unknown flag"); the flag is {@code --policy-pack-config};
 * <li>{@code refresh} with {@code previewOnly(true)} passes {@code --yes} too, which the CLI refuses
 * ("--yes and --preview-only cannot be used together"); a preview asks nothing, so it is dropped.
 * </ul>
 */
public final class CorrectedPulumiCommand implements PulumiCommand {
    private final PulumiCommand delegate;

    public CorrectedPulumiCommand(PulumiCommand delegate) {
        this.delegate = delegate;
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public CommandResult run(List<String> args, CommandRunOptions options) throws AutomationException {
        return delegate.run(corrected(args), options);
    }

    static List<String> corrected(List<String> args) {
        var previewOnly = args.contains("--preview-only");
        return args.stream()
                .filter(arg -> !(previewOnly && arg.equals("--yes")))
                .map(arg -> arg.equals("--policy-pack-configs") ? "--policy-pack-config" : arg)
                .toList();
    }
}
