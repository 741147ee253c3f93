package org.sinkscope.runtime.metrics;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.sinkscope.runtime.attention.AttentionSet;

/**
 * Attention rollout (Abnar and Zuidema 2020) as in METRICS.md section 3, for the attention as
 * given and for its sink-ablated counterfactual A'.
 *
 * <p>Only row T-1 of R(l) = Ahat(l) Ahat(l-1) ... Ahat(0) is needed, so no T x T product is
 * formed: for each layer l the row vector e_{T-1} is multiplied by Ahat(l), then Ahat(l-1), down
 * to Ahat(0), where v Ahat(k) = 0.5 v + 0.5 (1/H) sum_h v A^{k,h}. That costs O(L^2 H T^2) in
 * all, half of it when the set is causal (keys j > i are skipped).
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

    private MixingMetrics(double[][] lastRow, double[][] ablatedLastRow) {
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
        int layers = a.layers();
        // Every layer's A' enters the rollout of all later layers, so its row masses are found once.
        double[][] contentMass = new double[layers][];
        IntStream.range(0, layers).parallel().forEach(l -> contentMass[l] = contentMass(a, l));
        double[][] lastRow = new double[layers][];
        double[][] ablatedLastRow = new double[layers][];
        IntStream.range(0, layers).parallel().forEach(l -> {
            lastRow[l] = rolloutLastRow(a, l, null);
            ablatedLastRow[l] = rolloutLastRow(a, l, contentMass);
        });
        return new MixingMetrics(lastRow, ablatedLastRow);
    }

    /** Per head and query (index h * T + i), the mass row i puts on keys 1..T-1. */
    private static double[] contentMass(AttentionSet a, int layer) {
        int t = a.tokens();
        float[] d = a.layerData(layer);
        double[] mass = new double[a.heads() * t];
        for (int h = 0; h < a.heads(); h++) {
            for (int i = 0; i < t; i++) {
                int row = a.offset(h, i, 0);
                int visible = a.causal() ? i + 1 : t;
                double sum = 0;
                for (int j = 1; j < visible; j++) {
                    sum += d[row + j];
                }
                mass[h * t + i] = sum;
            }
        }
        return mass;
    }

    /**
     * Row T-1 of R(layer), from e_{T-1} Ahat(layer) ... Ahat(0).
     *
     * @param contentMass null for the attention as given, else the row masses of A' per layer
     */
    private static double[] rolloutLastRow(AttentionSet a, int layer, double[][] contentMass) {
        int t = a.tokens();
        double[] v = new double[t];
        double[] next = new double[t];
        v[t - 1] = 1;
        for (int k = layer; k >= 0; k--) {
            multiply(a, k, v, next, contentMass == null ? null : contentMass[k]);
            double[] swap = v;
            v = next;
            next = swap;
        }
        return v;
    }

    /** out = v Ahat(layer), with A' in place of A when contentMass is given. */
    private static void multiply(AttentionSet a, int layer, double[] v, double[] out, double[] contentMass) {
        int t = a.tokens();
        int heads = a.heads();
        float[] d = a.layerData(layer);
        Arrays.fill(out, 0);
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < t; i++) {
                if (v[i] == 0) {
                    continue; // the first product starts from a one-hot vector
                }
                int row = a.offset(h, i, 0);
                int visible = a.causal() ? i + 1 : t;
                double mass = contentMass == null ? 0 : contentMass[h * t + i];
                if (mass > MIN_CONTENT_MASS) {
                    // A'[i][j] = A[i][j] / mass for j >= 1, and A'[i][0] = 0
                    double w = v[i] / mass;
                    for (int j = 1; j < visible; j++) {
                        out[j] += w * d[row + j];
                    }
                } else {
                    double w = v[i];
                    for (int j = 0; j < visible; j++) {
                        out[j] += w * d[row + j];
                    }
                }
            }
        }
        double headWeight = 0.5 / heads;
        for (int j = 0; j < t; j++) {
            out[j] = 0.5 * v[j] + headWeight * out[j];
        }
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
