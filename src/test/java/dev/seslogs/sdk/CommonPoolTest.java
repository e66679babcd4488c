package dev.seslogs.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * On a 2-CPU runner the program's async steps run on the common pool, not on a new thread each.
 * Each case starts a JVM that believes it has the CPUs given, as a runner's JVM would.
 */
class CommonPoolTest {

    /** Run in a fresh JVM: prints the pool's parallelism and the executor CompletableFuture uses. */
    public static final class Probe {
        public static void main(String[] args) {
            if (args.length > 0 && args[0].equals("prepare")) {
                PulumiRuntime.prepareCommonPool();
            }
            var executor = new CompletableFuture<Void>().defaultExecutor();
            System.out.println(ForkJoinPool.getCommonPoolParallelism() + " "
                    + (executor instanceof ForkJoinPool ? "pool" : "thread-per-task"));
        }
    }

    private static String probe(int cpus, String... arguments) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:ActiveProcessorCount=" + cpus,
                "-cp",
                System.getProperty("java.class.path")));
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    @Test
    void onTwoCpusTheJvmAloneRunsAThreadPerTask() throws Exception {
        assertEquals("1 thread-per-task", probe(2, Probe.class.getName()));
    }

    @Test
    void onTwoCpusThePreparedProgramUsesThePool() throws Exception {
        assertEquals("2 pool", probe(2, Probe.class.getName(), "prepare"));
        assertEquals("2 pool", probe(1, Probe.class.getName(), "prepare"));
    }

    @Test
    void aBiggerMachineAndTheUsersOwnSettingAreLeftAlone() throws Exception {
        assertEquals("7 pool", probe(8, Probe.class.getName(), "prepare"));
        assertEquals(
                "1 thread-per-task",
                probe(2, "-Djava.util.concurrent.ForkJoinPool.common.parallelism=1", Probe.class.getName(), "prepare"));
    }
}
