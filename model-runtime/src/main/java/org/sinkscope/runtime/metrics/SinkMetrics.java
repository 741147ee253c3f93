package org.sinkscope.runtime.metrics;

import java.util.stream.IntStream;
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
        int heads = a.heads();
        double[][] scores = new double[a.layers()][heads];
        double[][][] received = new double[a.layers()][heads][];
        IntStream.range(0, a.layers()).parallel().forEach(l -> {
            for (int h = 0; h < heads; h++) {
                scores[l][h] = sinkScore(a, l, h, excludeFirstQuery);
                received[l][h] = receivedAttention(a, l, h);
            }
        });
        return new SinkMetrics(scores, received, excludeFirstQuery);
    }

    /** s(l,h) = mean over the queries of A[i][0]. */
    private static double sinkScore(AttentionSet a, int layer, int head, boolean excludeFirstQuery) {
        int t = a.tokens();
        int first = excludeFirstQuery && t > 1 ? 1 : 0;
        float[] d = a.layerData(layer);
        double sum = 0;
        for (int i = first; i < t; i++) {
            sum += d[a.offset(head, i, 0)];
        }
        return sum / (t - first);
    }

    /** Causal: mean of column k over the queries that can see key k (i >= k); otherwise the column mean. */
    private static double[] receivedAttention(AttentionSet a, int layer, int head) {
        int t = a.tokens();
        boolean causal = a.causal();
        float[] d = a.layerData(layer);
        double[] column = new double[t];
        for (int i = 0; i < t; i++) {
            int row = a.offset(head, i, 0);
            int visible = causal ? i + 1 : t;
            for (int k = 0; k < visible; k++) {
                column[k] += d[row + k];
            }
        }
        for (int k = 0; k < t; k++) {
            column[k] /= causal ? t - k : t;
        }
        return column;
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
