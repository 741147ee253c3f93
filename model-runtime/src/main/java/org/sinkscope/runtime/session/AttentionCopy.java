package org.sinkscope.runtime.session;

import java.util.List;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.inspect.AttentionTap;

/** Refuses attention that is not probabilities: NaN, or rows that do not sum to 1. */
final class AttentionChecks {
    private static final double ROW_SUM_TOLERANCE = 1e-2;

    private AttentionChecks() {
    }

    static void requireProbabilities(float[][] layers, int heads, int t, List<AttentionTap> taps) throws ModelException {
        for (int l = 0; l < layers.length; l++) {
            float[] a = layers[l];
            for (int row = 0; row < heads * t; row++) {
                double sum = 0;
                int base = row * t;
                for (int j = 0; j < t; j++) {
                    float v = a[base + j];
                    if (Float.isNaN(v)) {
                        throw new ModelException("layer " + l + " attention contains NaN (output '" + taps.get(l).output()
                                + "'): the model's weights are damaged or the export is broken; export it again");
                    }
                    sum += v;
                }
                if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
                    throw new ModelException("output '" + taps.get(l).output() + "' does not hold attention probabilities"
                            + " (a row sums to " + String.format(java.util.Locale.ROOT, "%.4f", sum)
                            + " instead of 1): export attention after softmax");
                }
            }
        }
    }
}
