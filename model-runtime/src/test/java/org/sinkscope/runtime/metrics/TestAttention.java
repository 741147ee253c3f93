package org.sinkscope.runtime.metrics;

import java.util.Random;
import org.sinkscope.runtime.attention.AttentionSet;

/** Builds small AttentionSets for the metric tests. */
final class TestAttention {
    private TestAttention() {
    }

    /**
     * @param layers one [head][query][key] array of non-negative weights per layer; each row is
     *               divided by its sum (in double) before it is stored as float32
     */
    static AttentionSet of(double[][][]... layers) {
        int heads = layers[0].length;
        int t = layers[0][0].length;
        float[][] data = new float[layers.length][heads * t * t];
        for (int l = 0; l < layers.length; l++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < t; i++) {
                    double sum = 0;
                    for (double w : layers[l][h][i]) {
                        sum += w;
                    }
                    for (int j = 0; j < t; j++) {
                        data[l][(h * t + i) * t + j] = (float) (layers[l][h][i][j] / sum);
                    }
                }
            }
        }
        return new AttentionSet(heads, t, data);
    }

    /** Random positive weights; when causal, keys after the query get 0. */
    static AttentionSet random(long seed, int layers, int heads, int t, boolean causal) {
        Random random = new Random(seed);
        double[][][][] w = new double[layers][heads][t][t];
        for (double[][][] layer : w) {
            for (double[][] head : layer) {
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j < t; j++) {
                        head[i][j] = causal && j > i ? 0 : 0.01 + random.nextDouble();
                    }
                }
            }
        }
        return of(w);
    }
}
