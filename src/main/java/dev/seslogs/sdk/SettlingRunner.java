package dev.seslogs.sdk;

import com.pulumi.deployment.internal.Runner;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The Pulumi Java SDK's task runner, waiting for the program's tasks instead of polling them.
 *
 * <p>Why: in SDK 1.36.1 (the newest Maven Central serves) the runner's drain loop
 * ({@code DeploymentImpl.DefaultRunner.loopUntilDone}) reschedules itself without pause until
 * every registered task is done, and on every pass {@code checkForTasks} formats the whole map of
 * tasks in flight into a log string, even when the log level drops it. A stack with N resources
 * keeps O(N) tasks in flight, so each pass is O(N) and the passes never stop while the engine
 * works: 1,000 identities took 60 s under the mock engine and 450 s under the real one (a JFR
 * profile of the offline preview puts 81 % of the samples in that loop). On a 2-CPU
 * machine each pass also starts a thread, because the common pool's parallelism is then 1 and
 * {@code CompletableFuture.runAsync} falls back to a thread per task. pulumi-java#2314 adds a
 * pause to the loop; the .NET SDK fixed the same loop in pulumi#5015.
 *
 * <p>What: this runner tracks the registered tasks itself and lets the SDK's runner do everything
 * else. Its {@link #runAsync} hands the SDK's runner a callback that runs the program and then
 * blocks until every task registered so far has settled (a condition signalled by each task's
 * completion, no polling), or rethrows the first task failure. When the SDK's runner then starts
 * its own loop, only its own callback task is left, so the loop ends on its first pass. Exit
 * codes, error reporting and the result are the SDK's: a failed task reaches the SDK's runner as
 * an exception of the callback, which it unwraps and logs as it does for a failure its loop finds.
 *
 * <p>Remove it (and {@link PulumiRuntime}) once an SDK with pulumi-java#2314 is served; setting
 * {@code SES_LOGS_SDK_RUNNER=sdk} runs the program with the SDK's own runner meanwhile.
 */
public final class SettlingRunner implements Runner {
    private final Runner sdkRunner;
    private final Set<CompletableFuture<?>> unsettled = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    private final AtomicLong wakeUps = new AtomicLong();

    public SettlingRunner(Runner sdkRunner) {
        this.sdkRunner = Objects.requireNonNull(sdkRunner);
    }

    @Override
    public <T> void registerTask(String description, CompletableFuture<T> task) {
        Objects.requireNonNull(description);
        Objects.requireNonNull(task);
        unsettled.add(task);
        // Runs at once, on this thread, when the task is already done.
        task.whenComplete((value, failure) -> settle(task, failure));
    }

    @Override
    public <T> CompletableFuture<Result<T>> runAsync(Supplier<T> callback) {
        return sdkRunner.runAsync(() -> {
            T value = callback.get();
            awaitSettled();
            return value;
        });
    }

    /** How many times a waiting program woke up: at most once per settled task, never a poll. */
    public long wakeUps() {
        return wakeUps.get();
    }

    /** The tasks registered and not yet settled. */
    public int unsettledTasks() {
        return unsettled.size();
    }

    private void settle(CompletableFuture<?> task, Throwable failure) {
        if (failure != null) {
            firstFailure.compareAndSet(null, failure);
        }
        unsettled.remove(task);
        lock.lock();
        try {
            settled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean doneWaiting() {
        return unsettled.isEmpty() || firstFailure.get() != null;
    }

    private void awaitSettled() {
        try {
            // managedBlock: when this runs on a common-pool worker, the pool adds a thread for
            // the tasks' continuations instead of losing one of its few workers to the wait.
            ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                @Override
                public boolean block() throws InterruptedException {
                    lock.lock();
                    try {
                        while (!doneWaiting()) {
                            settled.await();
                            wakeUps.incrementAndGet();
                        }
                    } finally {
                        lock.unlock();
                    }
                    return true;
                }

                @Override
                public boolean isReleasable() {
                    return doneWaiting();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
        var failure = firstFailure.get();
        if (failure != null) {
            // The SDK's runner unwraps a CompletionException and reports its cause, as it does
            // for a failed task its own loop finds.
            throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
        }
    }
}
