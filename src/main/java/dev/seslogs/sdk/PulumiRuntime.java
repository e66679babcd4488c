package dev.seslogs.sdk;

import com.pulumi.Config;
import com.pulumi.Pulumi;
import com.pulumi.context.internal.ConfigContextInternal;
import com.pulumi.context.internal.ContextInternal;
import com.pulumi.context.internal.LoggingContextInternal;
import com.pulumi.context.internal.OutputContextInternal;
import com.pulumi.core.internal.OutputFactory;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.deployment.internal.DeploymentInstanceHolder;
import com.pulumi.deployment.internal.DeploymentInstanceInternal;
import com.pulumi.internal.PulumiInternal;
import com.pulumi.resources.StackOptions;
import java.util.function.Function;

/**
 * {@code Pulumi.withOptions(StackOptions.Empty)} with the {@link SettlingRunner} in place of the
 * SDK's runner and the {@link DebugFilteringEngineLogger} around its logger. The SDK builds both
 * inside {@code DeploymentState} and hands them to the deployment's parts when the deployment is
 * constructed, so they have to be replaced between the two; the rest repeats the SDK's private
 * {@code PulumiInternal.completeConfiguration} (SDK 1.36.1, pinned in pom.xml; the compiler checks
 * these internal constructors at every SDK upgrade).
 */
public final class PulumiRuntime {
    /** {@code SES_LOGS_SDK_RUNNER=sdk} runs the SDK as it is (its runner and logger): for comparison, and as a way back. */
    public static final String RUNNER_VARIABLE = "SES_LOGS_SDK_RUNNER";

    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private PulumiRuntime() {}

    /**
     * Gives the common pool at least two workers. The JVM sizes it to the CPUs less one, so on a
     * 2-CPU runner its parallelism is 1, and {@code CompletableFuture} then runs every async step
     * on a thread of its own: the SDK's 20,000 async steps for 1,000 identities started 20,000
     * threads (JFR), a quarter of the program's time under the real engine. The JVM reads the
     * setting once, when the pool is first used, so this must run first in {@code main}; a value
     * the user set (JAVA_TOOL_OPTIONS) wins.
     */
    public static void prepareCommonPool() {
        boolean jvmWouldChooseOne = Runtime.getRuntime().availableProcessors() <= 2;
        if (jvmWouldChooseOne && System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
    }

    /** The Pulumi entry point for a program the Pulumi CLI started, as {@code Pulumi.run} builds it. */
    public static Pulumi.API fromEnvironment() {
        if ("sdk".equals(System.getenv(RUNNER_VARIABLE))) {
            return Pulumi.withOptions(StackOptions.Empty);
        }
        var deployment = withWorkarounds(DeploymentImpl.DeploymentState.fromEnvironment());
        DeploymentInstanceHolder.setInstance(new DeploymentInstanceInternal(deployment));
        var config = DeploymentInstanceHolder.getInstance().getConfig();
        Function<String, Config> configFactory = name -> new Config(config, name);
        var runner = deployment.getRunner();
        var context = new ContextInternal(
                deployment.getOrganizationName(),
                deployment.getProjectName(),
                deployment.getStackName(),
                new LoggingContextInternal(deployment.getLog()),
                new ConfigContextInternal(deployment.getProjectName(), configFactory),
                new OutputContextInternal(new OutputFactory(runner)),
                StackOptions.Empty.resourceTransformations());
        return new PulumiInternal(runner, context);
    }

    /**
     * A deployment over this state with the {@link SettlingRunner} around the SDK's runner and the
     * {@link DebugFilteringEngineLogger} around its logger ({@code SES_LOGS_SDK_DEBUG=true} keeps
     * the SDK's debug messages).
     */
    public static DeploymentImpl withWorkarounds(DeploymentImpl.DeploymentState state) {
        return withWorkarounds(
                state, "true".equalsIgnoreCase(System.getenv(DebugFilteringEngineLogger.DEBUG_VARIABLE)));
    }

    static DeploymentImpl withWorkarounds(DeploymentImpl.DeploymentState state, boolean forwardDebug) {
        state.runner = new SettlingRunner(state.runner);
        state.logger = new DebugFilteringEngineLogger(state.logger, forwardDebug);
        return new DeploymentImpl(state);
    }
}
