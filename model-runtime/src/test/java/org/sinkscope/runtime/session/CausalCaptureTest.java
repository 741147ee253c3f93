package org.sinkscope.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.metrics.CausalRowMetrics;
import org.sinkscope.runtime.testing.Fixtures;

/**
 * A causal run measured while it is copied gives the copy and the analysis of the copy; anything
 * it cannot show to be causal probabilities is left to the copy with every check.
 */
class CausalCaptureTest {
    private static final int LAYERS = 3;
    private static final int HEADS = 2;
    /** Rows 0, 64 and 128 are read past their diagonals. */
    private static final int T = 130;

    /** Random causal rows, normalised in double and stored as float32, as a softmax leaves them. */
    private static float[][] attention(long seed) {
        Random random = new Random(seed);
        float[][] layers = new float[LAYERS][HEADS * T * T];
        for (float[] layer : layers) {
            for (int h = 0; h < HEADS; h++) {
                for (int i = 0; i < T; i++) {
                    double[] w = new double[i + 1];
                    double sum = 0;
                    for (int j = 0; j <= i; j++) {
                        w[j] = (j == 0 ? 5 : 0.01) + random.nextDouble();
                        sum += w[j];
                    }
                    for (int j = 0; j <= i; j++) {
                        layer[(h * T + i) * T + j] = (float) (w[j] / sum);
                    }
                }
            }
        }
        return layers;
    }

    private static FloatBuffer[] nativeCopies(float[][] layers) {
        FloatBuffer[] buffers = new FloatBuffer[layers.length];
        for (int l = 0; l < layers.length; l++) {
            buffers[l] = ByteBuffer.allocateDirect(layers[l].length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            buffers[l].put(layers[l]);
        }
        return buffers;
    }

    private static CausalRowMetrics measure(float[][] layers, float[][] into) {
        return CausalCapture.measure(nativeCopies(layers), into, HEADS, T, false);
    }

    private static int at(int head, int query, int key) {
        return (head * T + query) * T + key;
    }

    @ParameterizedTest(name = "exclude first query={0}")
    @ValueSource(booleans = {false, true})
    void storesEveryRowAndGivesTheAnalysisOfWhatItStored(boolean excludeFirstQuery) {
        float[][] source = attention(1);
        float[][] into = new float[LAYERS][HEADS * T * T];
        CausalRowMetrics measured = CausalCapture.measure(nativeCopies(source), into, HEADS, T, excludeFirstQuery);
        assertThat(measured).isNotNull();
        assertThat(measured.worstRowSumError()).isLessThan(1e-6);
        for (int l = 0; l < LAYERS; l++) {
            assertThat(into[l]).containsExactly(source[l]);
        }
        AttentionSet stored = new AttentionSet(HEADS, T, into, true);
        Analysis captured = measured.analysis(stored, 0.3);
        // a copy first and then the sweep: the same rows in the same order, so the same sums
        Analysis reference = Analysis.of(new AttentionSet(HEADS, T, source), 0.3, excludeFirstQuery);
        assertThat(captured.attention()).isSameAs(stored);
        assertThat(captured.sinks().sinkScore()).isDeepEqualTo(reference.sinks().sinkScore());
        assertThat(captured.sinks().receivedAttention()).isDeepEqualTo(reference.sinks().receivedAttention());
        assertThat(captured.entropy().entropy()).isDeepEqualTo(reference.entropy().entropy());
        assertThat(Fixtures.maxAbsDifference(captured.mixing().sinkShare(), reference.mixing().sinkShare())).isZero();
        assertThat(Fixtures.maxAbsDifference(captured.mixing().mixingEntropy(), reference.mixing().mixingEntropy()))
                .isZero();
        assertThat(Fixtures.maxAbsDifference(captured.mixing().ablatedMixingEntropy(),
                reference.mixing().ablatedMixingEntropy())).isZero();
    }

    @Test
    void weightPastTheDiagonalOfACheckedRowStopsIt() {
        float[][] a = attention(2);
        a[2][at(1, 64, 0)] -= 1e-3f;
        a[2][at(1, 64, 100)] = 1e-3f; // query 64 of the last layer's last head looks ahead; its row still sums to 1
        assertThat(measure(a, new float[LAYERS][HEADS * T * T])).isNull();
    }

    @Test
    void weightPastTheDiagonalOfAnUncheckedRowShowsInTheRowsSum() {
        float[][] a = attention(3);
        a[1][at(0, 5, 0)] -= 1e-4f;
        a[1][at(0, 5, 100)] = 1e-4f; // keys 0..5 of query 5 now sum to 1 - 1e-4
        assertThat(measure(a, new float[LAYERS][HEADS * T * T])).isNull();
    }

    @Test
    void aLeakBelowTheToleranceCountsAsCausalAndIsStoredAsZero() {
        float[][] a = attention(4);
        a[0][at(1, 70, 0)] -= 1e-7f;
        a[0][at(1, 70, 71)] = 1e-7f; // less than ROW_TOLERANCE past the diagonal of an unchecked row
        float[][] into = new float[LAYERS][HEADS * T * T];
        assertThat(measure(a, into)).isNotNull();
        assertThat(into[0][at(1, 70, 71)]).isZero(); // the stored attention is causal, as the metrics took it
    }

    @Test
    void nanAndRowsThatAreNotProbabilitiesAreLeftToTheCopyWithEveryCheck() {
        float[][] nan = attention(5);
        nan[2][at(0, 99, 40)] = Float.NaN;
        assertThat(measure(nan, new float[LAYERS][HEADS * T * T])).isNull();
        float[][] scores = attention(6);
        scores[1][at(1, 12, 3)] += 0.5f; // pre-softmax scores, or a mask: a row summing to 1.5
        assertThat(measure(scores, new float[LAYERS][HEADS * T * T])).isNull();
    }
}
