package org.sinkscope.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.inspect.AttentionTap;

/** The copy out of ONNX Runtime's buffer is exact, finds causality, and refuses what is not probabilities. */
class AttentionCopyTest {
    private static final AttentionTap TAP = new AttentionTap(3, "/layers.3/Softmax_output_0", "n", "Softmax");
    private static final int HEADS = 2;
    private static final int T = 7;

    /** Row-stochastic, causal when asked (weights only on keys 0..i), in a native buffer as ONNX Runtime leaves it. */
    private static float[] attention(boolean causal) {
        float[] a = new float[HEADS * T * T];
        for (int h = 0; h < HEADS; h++) {
            for (int i = 0; i < T; i++) {
                int visible = causal ? i + 1 : T;
                for (int j = 0; j < visible; j++) {
                    a[(h * T + i) * T + j] = 1f / visible;
                }
            }
        }
        return a;
    }

    private static FloatBuffer nativeCopy(float[] values) {
        FloatBuffer b = ByteBuffer.allocateDirect(values.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        b.put(values);
        b.position(3); // the copy reads from index 0 whatever the position
        return b;
    }

    @Test
    void copiesEveryValueAndTellsCausalFromFull() throws Exception {
        for (boolean causal : new boolean[] {true, false}) {
            float[] a = attention(causal);
            float[] into = new float[a.length];
            assertThat(AttentionCopy.copyChecked(nativeCopy(a), into, HEADS, T, TAP)).isEqualTo(causal);
            assertThat(into).containsExactly(a);
        }
    }

    @Test
    void oneWeightOnALaterKeyInTheLastHeadMakesTheLayerNonCausal() throws Exception {
        float[] a = attention(true);
        int row = ((HEADS - 1) * T + 2) * T; // last head, query 2
        a[row] -= 1e-3f;
        a[row + 6] = 1e-3f; // key 6 > query 2
        assertThat(AttentionCopy.copyChecked(nativeCopy(a), new float[a.length], HEADS, T, TAP)).isFalse();
        a[row + 6] = -0f; // negative zero is still no weight
        a[row] += 1e-3f;
        assertThat(AttentionCopy.copyChecked(nativeCopy(a), new float[a.length], HEADS, T, TAP)).isTrue();
    }

    @Test
    void refusesNaNNamingTheLayerAndOutput() {
        float[] a = attention(true);
        a[(1 * T + 5) * T + 2] = Float.NaN;
        assertThatThrownBy(() -> AttentionCopy.copyChecked(nativeCopy(a), new float[a.length], HEADS, T, TAP))
                .isInstanceOf(ModelException.class)
                .hasMessage("layer 3 attention contains NaN (output '/layers.3/Softmax_output_0'): the model's weights"
                        + " are damaged or the export is broken; export it again");
    }

    @Test
    void refusesRowsThatAreNotProbabilities() {
        float[] scores = attention(false);
        scores[(0 * T + 4) * T + 1] += 0.5f; // pre-softmax scores, or a mask: a row summing to 1.5
        assertThatThrownBy(() -> AttentionCopy.copyChecked(nativeCopy(scores), new float[scores.length], HEADS, T, TAP))
                .isInstanceOf(ModelException.class)
                .hasMessage("output '/layers.3/Softmax_output_0' does not hold attention probabilities (a row sums to"
                        + " 1.5000 instead of 1): export attention after softmax");
        float[] infinite = attention(false);
        infinite[3] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> AttentionCopy.copyChecked(nativeCopy(infinite), new float[infinite.length], HEADS, T, TAP))
                .hasMessageContaining("a row sums to Infinity instead of 1");
    }
}
