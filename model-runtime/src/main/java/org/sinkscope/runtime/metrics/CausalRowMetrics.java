package org.sinkscope.runtime.metrics;

import org.sinkscope.runtime.attention.AttentionSet;

/**
 * Every metric of METRICS.md sections 1 to 3 swept from a causal run's rows as they are
 * captured, so that each row is read from memory once: the capture copies it into the sweep's
 * scratch row, stores it, and the sweep measures it while it is still in cache. At 512 tokens on
 * the machine of BENCHMARKS.md that took 16.7 ms against 19.4 for a copy and then a sweep
 * (paired in one JVM). The numbers are those {@link Analysis#of} gives for the stored set: the
 * same sums in the same order where it too sweeps whole layers, else within float rounding (its
 * column sums then start their float runs at other rows).
 */
public final class CausalRowMetrics {
    private final MetricsSweep.Result sweep;
    private final int layers;
    private final int heads;
    private final int tokens;
    private final boolean excludeFirstQuery;

    private CausalRowMetrics(MetricsSweep.Result sweep, int layers, int heads, int tokens, boolean excludeFirstQuery) {
        this.sweep = sweep;
        this.layers = layers;
        this.heads = heads;
        this.tokens = tokens;
        this.excludeFirstQuery = excludeFirstQuery;
    }

    /**
     * Whether {@link #sweep} takes runs of this size: it keeps every layer's head means (two T x T
     * float matrices each) until the rollout has passed, at most 32 MiB of them (~700 tokens of an
     * 8-layer model); longer runs are copied and then analysed layer after layer.
     */
    public static boolean sweeps(int layers, int tokens) {
        return MetricsSweep.headMeansFit(layers, tokens);
    }

    /**
     * Reads every row once through {@code rows}, taking the attention to be causal: row i is read
     * over keys 0..i only. Whether that held is for the caller to show (see
     * {@link #worstRowSumError()}); the rows' reader may also throw to stop the sweep.
     */
    public static CausalRowMetrics sweep(AttentionRows rows, int layers, int heads, int tokens,
            boolean excludeFirstQuery) {
        return new CausalRowMetrics(MetricsSweep.causalRows(rows, layers, heads, tokens, excludeFirstQuery), layers,
                heads, tokens, excludeFirstQuery);
    }

    /**
     * The largest |A[i][0] + ... + A[i][i] - 1| over every row, summed in double; NaN when a row
     * held NaN. Weights are never negative, so keys after i hold at most this much together.
     */
    public double worstRowSumError() {
        return sweep.worstRowError();
    }

    /** The analysis of {@code attention}, the set the rows were stored into. */
    public Analysis analysis(AttentionSet attention, double epsilon) {
        if (attention.layers() != layers || attention.heads() != heads || attention.tokens() != tokens
                || !attention.causal()) {
            throw new IllegalArgumentException("the attention is not the causal set these rows came from");
        }
        return Analysis.of(attention, sweep, epsilon, excludeFirstQuery);
    }
}
