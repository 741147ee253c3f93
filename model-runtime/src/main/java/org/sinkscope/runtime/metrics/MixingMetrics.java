package org.sinkscope.runtime.metrics;

import org.sinkscope.runtime.attention.AttentionSet;

/**
 * Attention rollout (Abnar and Zuidema 2020) as in METRICS.md section 3, for the attention as
 * given and for its sink-ablated counterfactual A'.
 *
 * <p>Only row T-1 of R(l) = Ahat(l) Ahat(l-1) ... Ahat(0) is needed, so no T x T product is
 * formed: for each layer l the row vector e_{T-1} is multiplied by Ahat(l), then Ahat(l-1), down
 * to Ahat(0), where v Ahat(k) = 0.5 v + 0.5 v M(k) and M(k) is the mean of the layer's heads.
 * {@link MetricsSweep} computes it with the other metrics in one pass: O(H T^2 + L^2 T^2).
 *
 * <p>Choices where METRICS.md is silent:
 * <ul>
 *   <li>In A', a row whose mass on keys 1..T-1 is at most {@value #MIN_CONTENT_MASS} (causal
 *       row 0, which sees only key 0) cannot be renormalised; it is left unchanged, so it keeps
 *       attending to key 0 and A' stays row-stochastic.</li>
 *   <li>Mixing entropy is 0 when there are fewer than two content columns (T &lt; 3: nothing to
 *       mix, and ln(T-1) would be 0) or when row T-1 has no mass on the content columns.</li>
 * </ul>
 */
public final class MixingMetrics {
    /** Rows of A' with at most this much mass outside key 0 are kept as they are. */
    public static final double MIN_CONTENT_MASS = 1e-12;

    private final double[][] lastRow;
    private final double[][] ablatedLastRow;
    private final double[] sinkShare;
    private final double[] mixingEntropy;
    private final double[] ablatedSinkShare;
    private final double[] ablatedMixingEntropy;

    MixingMetrics(double[][] lastRow, double[][] ablatedLastRow) {
        this.lastRow = lastRow;
        this.ablatedLastRow = ablatedLastRow;
        int layers = lastRow.length;
        sinkShare = new double[layers];
        mixingEntropy = new double[layers];
        ablatedSinkShare = new double[layers];
        ablatedMixingEntropy = new double[layers];
        for (int l = 0; l < layers; l++) {
            sinkShare[l] = lastRow[l][0];
            mixingEntropy[l] = contentEntropy(lastRow[l]);
            ablatedSinkShare[l] = ablatedLastRow[l][0];
            ablatedMixingEntropy[l] = contentEntropy(ablatedLastRow[l]);
        }
    }

    public static MixingMetrics compute(AttentionSet a) {
        MetricsSweep.Result sweep = MetricsSweep.all(a, false);
        return new MixingMetrics(sweep.lastRow(), sweep.ablatedLastRow());
    }

    /** Entropy of columns 1..T-1 renormalised to sum 1, divided by ln(T-1). */
    private static double contentEntropy(double[] row) {
        int content = row.length - 1;
        double mass = 0;
        for (int j = 1; j < row.length; j++) {
            mass += row[j];
        }
        if (content < 2 || mass <= 0) {
            return 0;
        }
        double h = 0;
        for (int j = 1; j < row.length; j++) {
            double q = row[j] / mass;
            if (q > 0) {
                h -= q * Math.log(q);
            }
        }
        return h / Math.log(content);
    }

    /** Per layer, R(l)[T-1][0]: how much of the last token comes from token 0. */
    public double[] sinkShare() {
        return sinkShare.clone();
    }

    /** Per layer, the normalised entropy of the last token's blend of content tokens 1..T-1. */
    public double[] mixingEntropy() {
        return mixingEntropy.clone();
    }

    /** {@link #sinkShare()} with A' in place of A. */
    public double[] ablatedSinkShare() {
        return ablatedSinkShare.clone();
    }

    /** {@link #mixingEntropy()} with A' in place of A. */
    public double[] ablatedMixingEntropy() {
        return ablatedMixingEntropy.clone();
    }

    /** Row T-1 of R(layer): each input token's share of the last token after that layer, [T] (a copy). */
    public double[] lastRowComposition(int layer) {
        return lastRow[layer].clone();
    }

    /** {@link #lastRowComposition(int)} with A' in place of A. */
    public double[] ablatedLastRowComposition(int layer) {
        return ablatedLastRow[layer].clone();
    }
}
