package org.sinkscope.runtime.session;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.sinkscope.runtime.ModelException;

/**
 * Refuses a run that cannot fit before it starts, instead of running out of memory halfway.
 * Attention takes L x H x T x T float32 values twice: once in ONNX Runtime's output buffers
 * (native memory) and once in SinkScope's copy (the Java heap), and the run keeps one layer's
 * scores in flight besides.
 */
final class MemoryBudget {
    /** Weights, activations and the JVM's own needs, beyond the attention. */
    private static final long WORKING_BYTES = 256L << 20;

    private MemoryBudget() {
    }

    static long attentionBytes(int layers, int heads, long tokens) {
        return 4L * layers * heads * tokens * tokens;
    }

    /** @param heads the head count, or an upper guess when not yet known */
    static void check(int layers, int heads, int tokens) throws ModelException {
        long attention = attentionBytes(layers, heads, tokens);
        Runtime rt = Runtime.getRuntime();
        long heapFree = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (attention + WORKING_BYTES > heapFree) {
            System.gc(); // earlier runs' buffers may still be waiting to be collected
            heapFree = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        }
        long nativeNeed = attention + attention / layers + WORKING_BYTES;
        long physical = physicalFreeFor(nativeNeed);
        boolean heapShort = attention + WORKING_BYTES > heapFree;
        boolean nativeShort = physical > 0 && nativeNeed > physical;
        if (heapShort || nativeShort) {
            long budget = heapShort ? heapFree - WORKING_BYTES : physical - WORKING_BYTES;
            int fits = longestThatFits(layers, heads, Math.max(0, budget));
            throw new ModelException(String.format(Locale.ROOT, "%d tokens need about %.1f GiB for attention (%d layers x %d"
                    + " heads x %d x %d float32) and only %.1f GiB is free%s: use at most %d tokens", tokens,
                    gib(attention), layers, heads, tokens, tokens, gib(heapShort ? heapFree : physical),
                    heapShort ? " in the Java heap (raise it with SINKSCOPE_JAVA_OPTS=-Xmx...)" : " in memory", fits));
        }
    }

    /**
     * The refusal for a run that passed {@link #check} and still ran out of memory while its
     * attention was copied: what it needed, and the longest prompt that fits what is free now.
     */
    static ModelException ranOut(int layers, int heads, int tokens) {
        Runtime rt = Runtime.getRuntime();
        long heapFree = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        int fits = longestThatFits(layers, heads, Math.max(0, Math.min(heapFree, physicalFree() < 0 ? heapFree
                : physicalFree()) - WORKING_BYTES));
        return new ModelException(String.format(Locale.ROOT, "ran out of memory holding the attention of %d tokens (about"
                + " %.1f GiB): close other programs and run again, or use at most %d tokens", tokens,
                gib(attentionBytes(layers, heads, tokens)), fits));
    }

    static int longestThatFits(int layers, int heads, long bytes) {
        return (int) Math.floor(Math.sqrt(bytes / (4.0 * layers * heads)));
    }

    /** The last reading of {@link #physicalFree()}: {when (System.nanoTime), bytes}. */
    private static volatile long[] lastReading = {0, -1};
    private static final long READING_KEPT_NANOS = 2_000_000_000L;

    /**
     * Free memory, read afresh unless a reading of the last two seconds was four times {@code need}
     * or more: reading it costs ~0.5 ms (the kernel's and the container's files), a percent of a
     * 512-token run, and a run that small against what was free cannot be the one that runs out.
     */
    private static long physicalFreeFor(long need) {
        long[] last = lastReading;
        if (last[1] > 0 && System.nanoTime() - last[0] < READING_KEPT_NANOS && need <= last[1] / 4) {
            return last[1];
        }
        long free = physicalFree();
        lastReading = new long[] {System.nanoTime(), free};
        return free;
    }

    private static long physicalFree() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getFreeMemorySize() + cachedBytes();
        }
        return -1;
    }

    /** Page cache counts as available: the kernel gives it back on demand. */
    private static long cachedBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("Cached:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: free memory alone is the estimate
        }
        return 0;
    }

    private static double gib(long bytes) {
        return bytes / (double) (1L << 30);
    }
}
