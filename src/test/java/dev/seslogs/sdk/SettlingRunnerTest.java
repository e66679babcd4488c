package dev.seslogs.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.deployment.internal.Runner;
import com.pulumi.test.internal.PulumiTestInternal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The settling runner waits for what the SDK's runner waits for and fails as it fails; it only
 * does so without polling. Each scenario runs against the SDK's own runner too, and the two
 * results are compared.
 */
class SettlingRunnerTest {
    private static final Executor LATER = CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS);

    @AfterEach
    void cleanUp() {
        PulumiTestInternal.cleanup();
    }

    /** The runner of a fresh SDK deployment: the SDK's own, or the settling one around it. */
    private static Runner runner(boolean settling) {
        var builder = PulumiTestInternal.builder();
        if (settling) {
            builder.deploymentFactory(PulumiRuntime::withWorkarounds);
        }
        return builder.build().runner();
    }

    private record Outcome(int exitCode, List<String> failures, List<String> events) {}

    /** Runs a program that registers tasks through the runner; records what happened in order. */
    private static Outcome run(Runner runner, Consumer<List<String>> program) {
        var events = new CopyOnWriteArrayList<String>();
        var result = runner.runAsync(() -> {
                    program.accept(events);
                    events.add("program returned");
                    return "value";
                })
                .orTimeout(20, TimeUnit.SECONDS)
                .join();
        events.add("runner finished");
        var failures = result.exceptions().stream()
                .map(e -> e.getClass().getSimpleName() + ": " + e.getMessage())
                .toList();
        return new Outcome(result.exitCode(), failures, events);
    }

    private static CompletableFuture<Void> completesLater(List<String> events, String name) {
        return CompletableFuture.runAsync(() -> events.add(name + " done"), LATER);
    }

    private static Outcome both(Function<Runner, Outcome> scenario) {
        var sdk = scenario.apply(runner(false));
        PulumiTestInternal.cleanup();
        var settling = scenario.apply(runner(true));
        assertEquals(sdk.exitCode(), settling.exitCode(), "exit code: the SDK runner's, then the settling runner's");
        assertEquals(sdk.failures(), settling.failures(), "failures reported");
        assertEquals(sdk.events(), settling.events(), "the order of events");
        return settling;
    }

    @Test
    void theProgramEndsOnlyAfterEveryRegisteredTask() {
        var outcome = both(runner -> run(runner, events -> {
            runner.registerTask("first", completesLater(events, "first"));
            runner.registerTask("already done", CompletableFuture.completedFuture(null));
        }));
        assertEquals(0, outcome.exitCode());
        assertEquals(List.of("program returned", "first done", "runner finished"), outcome.events());
    }

    @Test
    void aTaskRegisteredByAnotherTaskIsAwaitedToo() {
        var outcome = both(runner -> run(runner, events -> {
            var second = new CompletableFuture<Void>();
            var first = completesLater(events, "first").thenRun(() -> {
                runner.registerTask("second", second);
                LATER.execute(() -> {
                    events.add("second done");
                    second.complete(null);
                });
            });
            runner.registerTask("first", first);
        }));
        assertEquals(List.of("program returned", "first done", "second done", "runner finished"), outcome.events());
    }

    @Test
    void aFailedTaskFailsTheProgramAsTheSdkReportsIt() {
        var outcome = both(runner -> run(runner, events -> {
            runner.registerTask(
                    "fails",
                    CompletableFuture.supplyAsync(
                            () -> {
                                throw new IllegalStateException("the engine refused");
                            },
                            LATER));
        }));
        assertEquals(Runner.ProcessExitedAfterLoggingUserActionableMessage, outcome.exitCode());
        // The SDK records the exception at each layer it unwraps: the CompletionException, then its cause.
        assertEquals(
                List.of(
                        "CompletionException: java.lang.IllegalStateException: the engine refused",
                        "IllegalStateException: the engine refused"),
                outcome.failures());
    }

    @Test
    void theProgramsOwnFailureIsReportedAsTheSdkReportsIt() {
        var outcome = both(runner -> run(runner, events -> {
            throw new IllegalArgumentException("ses-logs:region: not a region");
        }));
        assertEquals(Runner.ProcessExitedAfterLoggingUserActionableMessage, outcome.exitCode());
        assertEquals(
                List.of(
                        "CompletionException: java.lang.IllegalArgumentException: ses-logs:region: not a region",
                        "IllegalArgumentException: ses-logs:region: not a region"),
                outcome.failures());
    }

    @Test
    void waitingWakesOnceAtMostPerSettledTaskNeverByPolling() {
        var runner = runner(true);
        var settling = assertInstanceOf(SettlingRunner.class, runner);
        run(runner, events -> {
            for (int i = 1; i <= 3; i++) {
                runner.registerTask(
                        "task " + i,
                        CompletableFuture.runAsync(
                                () -> {}, CompletableFuture.delayedExecutor(100L * i, TimeUnit.MILLISECONDS)));
            }
        });
        assertTrue(settling.wakeUps() <= 3, "woke up " + settling.wakeUps() + " times for 3 tasks");
        assertEquals(0, settling.unsettledTasks());
    }
}
