package org.sinkscope.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/** Cancelling a run: ONNX Runtime stops mid-inference, the run's memory is freed, the session stays usable. */
class RunCancellationTest {
    /** 2,048 tokens: 1 GiB of attention, an inference of seconds, so a cancel lands inside it. */
    private static final int LONG = 2048;

    @Test
    void aRunCancelledBeforeItStartsNeverReachesTheModel() throws Exception {
        try (ModelSession s = ModelSession.open(ModelSource.resolve("demo:tinysink-gpt2"))) {
            RunCancellation c = new RunCancellation();
            c.cancel();
            assertThatThrownBy(() -> s.run(s.tokenize("The cat sat on the mat.", true), false, c))
                    .isInstanceOf(RunCancellation.Cancelled.class);
            assertThat(s.run(s.tokenize("The cat sat on the mat.", true)).tokens()).isEqualTo(8);
        }
    }

    @Test
    void cancellingMidInferenceStopsTheRunFreesItsMemoryAndLeavesTheSessionUsable() throws Exception {
        try (ModelSession s = ModelSession.open(ModelSource.resolve("demo:tinysink-llama"))) {
            TokenizedPrompt shortPrompt = s.tokenize("The cat sat on the mat.", true);
            AttentionSet before = s.run(shortPrompt);
            long[] ids = new long[LONG];
            for (int i = 0; i < LONG; i++) {
                ids[i] = i == 0 ? 0 : 265 + (i % 500);
            }
            TokenizedPrompt longPrompt = s.fromIds(ids);
            s.run(s.fromIds(java.util.Arrays.copyOf(ids, 300))); // ONNX Runtime's one-off allocations for long inputs
            long heapBefore = usedHeapAfterGc();
            long rssBefore = residentBytes();

            RunCancellation c = new RunCancellation();
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                started.countDown();
                try {
                    s.run(longPrompt, false, c);
                    return null;
                } catch (Exception e) {
                    return e;
                }
            }, command -> new Thread(null, command, "long-run", 512L << 20).start());
            started.await();
            Thread.sleep(500); // inside the inference: the uncancelled run takes seconds here
            long cancelledAt = System.nanoTime();
            c.cancel();
            Throwable thrown = outcome.get(60, TimeUnit.SECONDS);
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt);

            assertThat(thrown).isInstanceOf(RunCancellation.Cancelled.class);
            long heapGrowth = usedHeapAfterGc() - heapBefore;
            long rssGrowth = residentBytes() - rssBefore;
            long attentionBytes = 8L * 8 * LONG * LONG * Float.BYTES;
            System.out.printf("cancel: stopped %d ms after cancel; heap %+d MiB, resident %+d MiB"
                    + " (the run's attention alone: %d MiB)%n", stopMillis, heapGrowth >> 20, rssGrowth >> 20,
                    attentionBytes >> 20);
            // nothing of the run is kept: neither its attention on the heap nor ONNX Runtime's buffers
            assertThat(heapGrowth).as("heap growth").isLessThan(attentionBytes / 16);
            if (rssBefore > 0) {
                assertThat(rssGrowth).as("resident growth").isLessThan(attentionBytes / 4);
            }
            AttentionSet after = s.run(shortPrompt);
            assertThat(after.layerData(3)).containsExactly(before.layerData(3));
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** VmRSS from /proc (Linux), 0 elsewhere. */
    private static long residentBytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }
}
