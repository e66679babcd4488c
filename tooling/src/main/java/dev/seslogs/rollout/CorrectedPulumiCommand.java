package dev.seslogs.rollout;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandResult;
import com.pulumi.automation.CommandRunOptions;
import com.pulumi.automation.PulumiCommand;
import com.pulumi.automation.Version;

import java.util.List;

/**
 * The CLI as the Automation API runs it, with one argument corrected: pulumi-java 1.36.1 passes
 * {@code UpdateOptions.policyPackConfigs} as {@code --policy-pack-configs}, which no Pulumi CLI
 * knows ("unknown flag"); the flag is {@code --policy-pack-config}.
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
        return args.stream().map(arg -> arg.equals("--policy-pack-configs") ? "--policy-pack-config" : arg).toList();
    }
}
