package dev.seslogs.rollout;

import com.pulumi.automation.LocalWorkspaceOptions;
import java.util.List;

/**
 * Where the rollout's Pulumi operations run: the workspace (project directory, environment
 * variables, CLI) of each stack, its name in the backend, the policy pack. The rollout logic
 * ({@link Rollout}) knows nothing else about the machine: {@link UserEnvironment} is the user's
 * own Pulumi setup (real AWS), {@code simulated.SimulatedEnvironment} the offline one.
 */
public interface RolloutEnvironment extends AutoCloseable {
    /** The workspace options for one stack's operations (its own environment variables included). */
    LocalWorkspaceOptions workspace(String stack) throws Exception;

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
