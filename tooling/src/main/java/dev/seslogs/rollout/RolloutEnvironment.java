package dev.seslogs.rollout;

import com.pulumi.automation.LocalWorkspaceOptions;
import java.util.List;
import java.util.Map;

/**
 * Where the rollout's Pulumi operations run: the workspace (project directory, environment
 * variables, CLI) of each stack, its name in the backend, the policy pack. The rollout logic
 * ({@link Rollout}) knows nothing else about the machine: {@link UserEnvironment} is the user's
 * own Pulumi setup (real AWS), {@code simulated.SimulatedEnvironment} the offline one.
 */
public interface RolloutEnvironment extends AutoCloseable {
    /**
     * The workspace options for one stack's operations (its own environment variables included,
     * {@link #operationVariables} among them).
     *
     * @param previewOnly whether the rollout changes nothing (no {@code --up})
     */
    LocalWorkspaceOptions workspace(String stack, boolean previewOnly) throws Exception;

    /**
     * What every rollout passes to the CLI. A rollout without {@code --up} skips the engine's
     * per-step checkpoints: a preview discards them, yet CLI 3.274.1 serializes the whole plan
     * after every step (1,000 identities: 335 s, 33 s without). With {@code --up} they stay: they
     * record each resource as it is created (docs/scale.md).
     */
    static Map<String, String> operationVariables(boolean previewOnly) {
        return previewOnly ? Map.of("PULUMI_SKIP_CHECKPOINTS", "true") : Map.of();
    }

    /** The stack's name as the backend knows it (for example organization/stack). */
    String backendName(String stack);

    /** The policy packs every preview and update runs with ({@code --policy-pack}). */
    List<String> policyPacks();

    /** Whether a stack that does not exist in the backend yet is created (else: an error). */
    boolean createsMissingStacks();

    /** One line for the log: which backend and CLI. */
    String description();

    @Override
    default void close() throws Exception {}
}
