package org.sinkscope.runtime.session;

import java.nio.FloatBuffer;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.inspect.AttentionTap;

/**
 * Copies one layer of attention out of ONNX Runtime's buffer into a Java array and checks it on
 * the way, one row at a time while the row is still in cache: a run reads its attention once here
 * instead of three times (the copy, the probability check, the search for weight on later keys).
 * Refuses attention that is not probabilities: NaN, or rows that do not sum to 1.
 */
final class AttentionCopy {
    private static final double ROW_SUM_TOLERANCE = 1e-2;

    private AttentionCopy() {
    }

    /**
     * Copies {@code heads x t x t} values from {@code from} (read from index 0, position untouched)
     * into {@code to}; returns whether the layer is causal: no query gives weight to a later key.
     */
    static boolean copyChecked(FloatBuffer from, float[] to, int heads, int t, AttentionTap tap) throws ModelException {
        boolean causal = true;
        for (int row = 0; row < heads * t; row++) {
            int base = row * t;
            from.get(base, to, base, t);
            float sum = rowSum(to, base, t);
            if (!(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) {
                throw notProbabilities(to, base, t, sum, tap);
            }
            if (causal) {
                int query = row % t;
                causal = allZero(to, base + query + 1, base + t);
            }
        }
        return causal;
    }

    /** Four running sums, so that the additions do not wait on each other; NaN anywhere makes it NaN. */
    private static float rowSum(float[] a, int from, int length) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = from;
        int end = from + length;
        for (; j + 4 <= end; j += 4) {
            s0 += a[j];
            s1 += a[j + 1];
            s2 += a[j + 2];
            s3 += a[j + 3];
        }
        for (; j < end; j++) {
            s0 += a[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** True when a[from..to) holds only zeros (of either sign). */
    static boolean allZero(float[] a, int from, int to) {
        int bits = 0;
        for (int k = from; k < to; k++) {
            bits |= Float.floatToRawIntBits(a[k]);
        }
        return (bits & 0x7fffffff) == 0;
    }

    private static ModelException notProbabilities(float[] a, int base, int t, float sum, AttentionTap tap) {
        for (int j = base; j < base + t; j++) {
            if (Float.isNaN(a[j])) {
                return new ModelException("layer " + tap.layer() + " attention contains NaN (output '" + tap.output()
                        + "'): the model's weights are damaged or the export is broken; export it again");
            }
        }
        return new ModelException("output '" + tap.output() + "' does not hold attention probabilities"
                + " (a row sums to " + String.format(java.util.Locale.ROOT, "%.4f", sum)
                + " instead of 1): export attention after softmax");
    }
}
