package dev.seslogs.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.pulumi.deployment.internal.EngineLogger;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Debug messages stay in the program unless asked for; everything else reaches the engine as before. */
class DebugFilteringEngineLoggerTest {

    private static EngineLogger sdkLogger() {
        var sdk = mock(EngineLogger.class);
        var done = CompletableFuture.<Void>completedFuture(null);
        when(sdk.debugAsync(anyString(), any(), any(), any())).thenReturn(done);
        when(sdk.infoAsync(anyString(), any(), any(), any())).thenReturn(done);
        when(sdk.warnAsync(anyString(), any(), any(), any())).thenReturn(done);
        when(sdk.errorAsync(anyString(), any(), any(), any())).thenReturn(done);
        when(sdk.logAsync(any(), anyString(), any(), any(), any())).thenReturn(done);
        return sdk;
    }

    @Test
    void debugMessagesAreDroppedByDefault() {
        var sdk = sdkLogger();
        var logger = new DebugFilteringEngineLogger(sdk, false);
        assertTrue(logger.debugAsync("Registering resource: t=aws:sesv2/emailIdentity:EmailIdentity")
                .isDone());
        logger.logAsync(Level.FINEST, "RegisterResource RPC prepared", null, null, null);
        verify(sdk, never()).debugAsync(anyString(), any(), any(), any());
        verify(sdk, never()).logAsync(any(), anyString(), any(), any(), any());
    }

    @Test
    void infoWarningsAndErrorsReachTheEngine() {
        var sdk = sdkLogger();
        var logger = new DebugFilteringEngineLogger(sdk, false);
        logger.infoAsync("info");
        logger.warnAsync("warning");
        logger.errorAsync("ses-logs:region: eu-west-9 is not a region");
        logger.logAsync(Level.WARNING, "through logAsync", null, null, null);
        verify(sdk).infoAsync("info", null, null, null);
        verify(sdk).warnAsync("warning", null, null, null);
        verify(sdk).errorAsync("ses-logs:region: eu-west-9 is not a region", null, null, null);
        verify(sdk).logAsync(Level.WARNING, "through logAsync", null, null, null);
    }

    @Test
    void errorsAreCountedByTheSdksLoggerWhoseCountSetsTheExitCode() {
        var sdk = sdkLogger();
        when(sdk.hasLoggedErrors()).thenReturn(true);
        when(sdk.getErrorCount()).thenReturn(2);
        var logger = new DebugFilteringEngineLogger(sdk, false);
        assertTrue(logger.hasLoggedErrors());
        assertEquals(2, logger.getErrorCount());
    }

    @Test
    void debugMessagesAreForwardedWhenAskedFor() {
        var sdk = sdkLogger();
        var logger = new DebugFilteringEngineLogger(sdk, true);
        logger.debugAsync("Registering resource");
        logger.logAsync(Level.FINEST, "RegisterResource RPC prepared", null, null, null);
        verify(sdk).debugAsync("Registering resource", null, null, null);
        verify(sdk).logAsync(Level.FINEST, "RegisterResource RPC prepared", null, null, null);
    }
}
