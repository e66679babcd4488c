package dev.seslogs.sdk;

import com.pulumi.deployment.internal.EngineLogger;
import com.pulumi.resources.Resource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;

/**
 * The SDK's engine logger without its debug messages, unless asked for.
 *
 * <p>Why: the SDK sends three or four debug messages per resource ("Preparing resource: t=...,
 * name=...") to the engine, one RPC each, strictly one after another (each waits for the one
 * before), and the program cannot end before the last. For 1,000 identities that is 16,000 RPCs
 * in a line: 6 of the 29 s of a real-engine preview, and 150 MB of the program's peak memory. The
 * engine shows them only with {@code --debug}, and its own verbose log ({@code -v=9}) records
 * every registration anyway.
 *
 * <p>Info, warnings and errors pass unchanged, and errors are still counted by the SDK's logger
 * (the exit code depends on it). {@code SES_LOGS_SDK_DEBUG=true} forwards debug messages too.
 */
public final class DebugFilteringEngineLogger implements EngineLogger {
    public static final String DEBUG_VARIABLE = "SES_LOGS_SDK_DEBUG";

    private final EngineLogger sdkLogger;
    private final boolean forwardDebug;

    public DebugFilteringEngineLogger(EngineLogger sdkLogger, boolean forwardDebug) {
        this.sdkLogger = Objects.requireNonNull(sdkLogger);
        this.forwardDebug = forwardDebug;
    }

    @Override
    public boolean hasLoggedErrors() {
        return sdkLogger.hasLoggedErrors();
    }

    @Override
    public int getErrorCount() {
        return sdkLogger.getErrorCount();
    }

    @Override
    public CompletableFuture<Void> logAsync(
            Level level, String message, Resource resource, Integer streamId, Boolean ephemeral) {
        // The SDK maps FINEST, and only FINEST, to the engine's debug severity.
        if (level == Level.FINEST && !forwardDebug) {
            return CompletableFuture.completedFuture(null);
        }
        return sdkLogger.logAsync(level, message, resource, streamId, ephemeral);
    }

    @Override
    public CompletableFuture<Void> debugAsync(String message, Resource resource, Integer streamId, Boolean ephemeral) {
        if (!forwardDebug) {
            return CompletableFuture.completedFuture(null);
        }
        return sdkLogger.debugAsync(message, resource, streamId, ephemeral);
    }

    @Override
    public CompletableFuture<Void> infoAsync(String message, Resource resource, Integer streamId, Boolean ephemeral) {
        return sdkLogger.infoAsync(message, resource, streamId, ephemeral);
    }

    @Override
    public CompletableFuture<Void> warnAsync(String message, Resource resource, Integer streamId, Boolean ephemeral) {
        return sdkLogger.warnAsync(message, resource, streamId, ephemeral);
    }

    @Override
    public CompletableFuture<Void> errorAsync(String message, Resource resource, Integer streamId, Boolean ephemeral) {
        return sdkLogger.errorAsync(message, resource, streamId, ephemeral);
    }
}
