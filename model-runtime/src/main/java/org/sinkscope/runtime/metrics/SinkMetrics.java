package org.sinkscope.runtime.metrics;

import org.sinkscope.runtime.attention.AttentionSet;

/**
 * First-token sink scores, the received-attention profile and sink rates (METRICS.md section 1).
 *
 * <p>The per-head scores are kept, so {@link #sinkRate(double)} and {@link #sinkRateByLayer(double)}
 * only compare L x H numbers with the threshold and never revisit the attention.
 */
public final class SinkMetrics {
    /** Gu et al.'s default threshold. */
    public static final double DEFAULT_EPSILON = 0.3;

    private final double[][] sinkScore;
    private final double[][][] receivedAttention;
    private final boolean excludeFirstQuery;

    private SinkMetrics(double[][] sinkScore, double[][][] receivedAttention, boolean excludeFirstQuery) {
        this.sinkScore = sinkScore;
        this.receivedAttention = receivedAttention;
        this.excludeFirstQuery = excludeFirstQuery;
    }

    /**
     * @param excludeFirstQuery average the sink score over queries 1..T-1 instead of 0..T-1
     *                          (with a single token, row 0 is used anyway)
     */
    public static SinkMetrics compute(AttentionSet a, boolean excludeFirstQuery) {
        return of(MetricsSweep.sinks(a, excludeFirstQuery), excludeFirstQuery);
    }

    /**
     * From a sweep: s(l,h) = mean over the queries of A[i][0]; received attention of key k = the
     * mean of column k over the queries that can see it (i >= k when causal, all otherwise).
     */
    static SinkMetrics of(MetricsSweep.Result sweep, boolean excludeFirstQuery) {
        return new SinkMetrics(sweep.sinkScore(), sweep.received(), excludeFirstQuery);
    }

    /** Sink score per layer and head, [L][H] (a copy). */
    public double[][] sinkScore() {
        double[][] copy = new double[sinkScore.length][];
        for (int l = 0; l < copy.length; l++) {
            copy[l] = sinkScore[l].clone();
        }
        return copy;
    }

    public double sinkScore(int layer, int head) {
        return sinkScore[layer][head];
    }

    /** Received attention per layer, head and key, [L][H][T] (a copy). */
    public double[][][] receivedAttention() {
        double[][][] copy = new double[receivedAttention.length][][];
        for (int l = 0; l < copy.length; l++) {
            copy[l] = new double[receivedAttention[l].length][];
            for (int h = 0; h < copy[l].length; h++) {
                copy[l][h] = receivedAttention[l][h].clone();
            }
        }
        return copy;
    }

    /** Received attention of every key for one head, [T] (a copy). */
    public double[] receivedAttention(int layer, int head) {
        return receivedAttention[layer][head].clone();
    }

    public boolean excludeFirstQuery() {
        return excludeFirstQuery;
    }

    /** Share of all (layer, head) pairs whose sink score is strictly above epsilon. */
    public double sinkRate(double epsilon) {
        checkEpsilon(epsilon);
        long above = 0;
        for (double[] layer : sinkScore) {
            above += countAbove(layer, epsilon);
        }
        return (double) above / ((long) sinkScore.length * sinkScore[0].length);
    }

    /** Per layer, the share of heads whose sink score is strictly above epsilon, [L]. */
    public double[] sinkRateByLayer(double epsilon) {
        checkEpsilon(epsilon);
        double[] rate = new double[sinkScore.length];
        for (int l = 0; l < rate.length; l++) {
            rate[l] = (double) countAbove(sinkScore[l], epsilon) / sinkScore[l].length;
        }
        return rate;
    }

    private static int countAbove(double[] scores, double epsilon) {
        int n = 0;
        for (double s : scores) {
            if (s > epsilon) {
                n++;
            }
        }
        return n;
    }

    /** Sink scores are probabilities, so only thresholds in [0, 1] are meaningful; NaN is rejected too. */
    static void checkEpsilon(double epsilon) {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("sink threshold epsilon must be in [0, 1], got " + epsilon);
        }
    }
}
