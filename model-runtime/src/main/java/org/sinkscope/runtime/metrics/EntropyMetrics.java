package org.sinkscope.runtime.metrics;

import org.sinkscope.runtime.attention.AttentionSet;

/**
 * Normalised attention entropy per head (METRICS.md section 2): the mean over queries i >= 1 of
 * H_i / ln(i+1) for causal sets, H_i / ln T otherwise, with H_i = -sum_j A[i][j] ln A[i][j] in
 * nats and 0 ln 0 = 0. Row 0 is left out for encoders as well, as the definition says. With a
 * single token there is no row to average and the entropy is 0.
 */
public final class EntropyMetrics {
    private final double[][] entropy;

    EntropyMetrics(double[][] entropy) {
        this.entropy = entropy;
    }

    public static EntropyMetrics compute(AttentionSet a) {
        return new EntropyMetrics(MetricsSweep.all(a, false).entropy());
    }

    /** H_i in nats over the keys query i can see (j <= i when causal). */
    public static double rowEntropy(AttentionSet a, int layer, int head, int query) {
        int visible = a.causal() ? query + 1 : a.tokens();
        float[] d = a.layerData(layer);
        int row = a.offset(head, query, 0);
        double h = 0;
        for (int j = 0; j < visible; j++) {
            double p = d[row + j];
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        java.lang.ref.Reference.reachabilityFence(a); // its arrays were read directly
        return h;
    }

    /**
     * H_i divided by its maximum: ln(i+1) when causal, ln T otherwise. A row that can see only one
     * key (causal row 0, or T = 1) has no spread to measure and gets 0.
     */
    public static double normalisedRowEntropy(AttentionSet a, int layer, int head, int query) {
        int visible = a.causal() ? query + 1 : a.tokens();
        return visible > 1 ? rowEntropy(a, layer, head, query) / Math.log(visible) : 0;
    }

    /** Normalised entropy per layer and head, [L][H] (a copy). */
    public double[][] entropy() {
        double[][] copy = new double[entropy.length][];
        for (int l = 0; l < copy.length; l++) {
            copy[l] = entropy[l].clone();
        }
        return copy;
    }

    public double entropy(int layer, int head) {
        return entropy[layer][head];
    }
}
