package org.sinkscope.runtime.hidden;

import java.util.Arrays;

/**
 * METRICS.md section 4 on one run's hidden states: token norms, massive activations, and
 * representational collapse per state over positions j >= 1 (token 0 excluded).
 */
public final class HiddenMetrics {
    /** Sun et al. 2024: |x| > 100 and |x| > 1000 x the state's median |x|. */
    public static final double MASSIVE_ABSOLUTE = 100;
    public static final double MASSIVE_RELATIVE = 1000;

    private final double[][] tokenNorms;
    private final int[] massiveCount;
    private final double[] maxOverMedian;
    private final double[] meanPairwiseCosine;
    private final double[] rankCollapseResidual;

    private HiddenMetrics(double[][] tokenNorms, int[] massiveCount, double[] maxOverMedian,
            double[] meanPairwiseCosine, double[] rankCollapseResidual) {
        this.tokenNorms = tokenNorms;
        this.massiveCount = massiveCount;
        this.maxOverMedian = maxOverMedian;
        this.meanPairwiseCosine = meanPairwiseCosine;
        this.rankCollapseResidual = rankCollapseResidual;
    }

    public static HiddenMetrics compute(HiddenStates h) {
        int n = h.count();
        int t = h.tokens();
        int d = h.width();
        double[][] norms = new double[n][t];
        int[] massive = new int[n];
        double[] ratio = new double[n];
        double[] cosine = new double[n];
        double[] residual = new double[n];
        for (int s = 0; s < n; s++) {
            float[] x = h.stateData(s);
            for (int j = 0; j < t; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    double v = x[j * d + k];
                    sum += v * v;
                }
                norms[s][j] = Math.sqrt(sum);
            }
            float[] abs = new float[x.length];
            float max = 0;
            for (int i = 0; i < x.length; i++) {
                abs[i] = Math.abs(x[i]);
                max = Math.max(max, abs[i]);
            }
            float[] sorted = abs.clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
            int count = 0;
            for (float a : abs) {
                if (a > MASSIVE_ABSOLUTE && a > MASSIVE_RELATIVE * median) {
                    count++;
                }
            }
            massive[s] = count;
            ratio[s] = median > 0 ? max / median : Double.POSITIVE_INFINITY;
            cosine[s] = meanPairwiseCosine(x, t, d, norms[s]);
            residual[s] = rankCollapseResidual(x, t, d);
        }
        return new HiddenMetrics(norms, massive, ratio, cosine, residual);
    }

    /** Mean over pairs j < k (j, k >= 1) of cos(h_j, h_k), as |sum of unit rows|^2 - n over n(n-1). */
    static double meanPairwiseCosine(float[] x, int t, int d, double[] norms) {
        int n = t - 1;
        if (n < 2) {
            return 0;
        }
        double[] sum = new double[d];
        int used = 0;
        for (int j = 1; j < t; j++) {
            if (norms[j] == 0) {
                continue; // a zero vector has no direction
            }
            used++;
            for (int k = 0; k < d; k++) {
                sum[k] += x[j * d + k] / norms[j];
            }
        }
        if (used < 2) {
            return 0;
        }
        double sq = 0;
        for (double v : sum) {
            sq += v * v;
        }
        return (sq - used) / ((double) used * (used - 1));
    }

    /** ||X - 1 xbar^T||_F / ||X||_F over rows j >= 1. */
    static double rankCollapseResidual(float[] x, int t, int d) {
        int n = t - 1;
        if (n < 1) {
            return 0;
        }
        double[] mean = new double[d];
        for (int j = 1; j < t; j++) {
            for (int k = 0; k < d; k++) {
                mean[k] += x[j * d + k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        double num = 0;
        double den = 0;
        for (int j = 1; j < t; j++) {
            for (int k = 0; k < d; k++) {
                double v = x[j * d + k];
                num += (v - mean[k]) * (v - mean[k]);
                den += v * v;
            }
        }
        return den == 0 ? 0 : Math.sqrt(num / den);
    }

    /** ||h_j^(s)||_2 per state s and position j. */
    public double[][] tokenNorms() {
        return tokenNorms;
    }

    public int[] massiveActivationCount() {
        return massiveCount;
    }

    public double[] maxOverMedian() {
        return maxOverMedian;
    }

    public double[] meanPairwiseCosine() {
        return meanPairwiseCosine;
    }

    public double[] rankCollapseResidual() {
        return rankCollapseResidual;
    }
}
