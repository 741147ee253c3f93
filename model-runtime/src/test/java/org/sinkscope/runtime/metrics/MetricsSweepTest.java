package org.sinkscope.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.attention.AttentionSet;

/** The one-pass sweep against METRICS.md's definitions written out literally, in double with Math.log. */
class MetricsSweepTest {
    @Test
    void theTableLogarithmAgreesWithMathLogOverEveryBinade() {
        SplittableRandom r = new SplittableRandom(7);
        double worst = 0;
        for (int n = 0; n < 2_000_000; n++) {
            float x = Float.intBitsToFloat(r.nextInt(Float.floatToRawIntBits(Float.MIN_NORMAL), Float.floatToRawIntBits(1f) + 1));
            worst = Math.max(worst, Math.abs(MetricsSweep.ln(x) - Math.log(x)));
        }
        for (float x : new float[] {1f, 0.5f, Float.MIN_NORMAL, Math.nextDown(1f), 0.3f}) {
            worst = Math.max(worst, Math.abs(MetricsSweep.ln(x) - Math.log(x)));
        }
        assertThat(worst).isLessThan(7.7e-6); // half a step of the table's mantissas, 2^-17, and float rounding
        for (float exact : new float[] {1f, 0.5f, 0.75f, 0.25f, 0.125f, 0x1p-20f, Float.MIN_NORMAL, 1.5f}) {
            assertThat(MetricsSweep.ln(exact)).as("ln %s", exact).isEqualTo(Math.log(exact), within(1e-7 * Math.abs(Math.log(exact))));
        }
    }

    @ParameterizedTest(name = "T={0}, causal={1}, exclude first query={2}")
    @CsvSource({"1,true,false", "2,true,true", "37,true,false", "37,true,true", "37,false,false", "64,false,true", "129,true,false"})
    void sinkScoresReceivedAttentionAndEntropyEqualTheirDefinitions(int t, boolean causal, boolean exclude) {
        AttentionSet a = TestAttention.random(t * 31L, 3, 4, t, causal);
        MetricsSweep.Result sweep = MetricsSweep.all(a, exclude);
        for (int l = 0; l < a.layers(); l++) {
            for (int h = 0; h < a.heads(); h++) {
                int first = exclude && t > 1 ? 1 : 0;
                double sink = 0;
                for (int i = first; i < t; i++) {
                    sink += a.get(l, h, i, 0);
                }
                assertThat(sweep.sinkScore()[l][h]).isCloseTo(sink / (t - first), within(1e-12));
                for (int k = 0; k < t; k++) {
                    double column = 0;
                    for (int i = a.causal() ? k : 0; i < t; i++) {
                        column += a.get(l, h, i, k);
                    }
                    // added in float for 64 rows at a time (METRICS.md section 6)
                    assertThat(sweep.received()[l][h][k]).isCloseTo(column / (a.causal() ? t - k : t), within(1e-6));
                }
                double entropy = 0;
                for (int i = 1; i < t; i++) {
                    int visible = a.causal() ? i + 1 : t;
                    double row = 0;
                    for (int j = 0; j < visible; j++) {
                        double p = a.get(l, h, i, j);
                        row -= p > 0 ? p * Math.log(p) : 0;
                    }
                    entropy += visible > 1 ? row / Math.log(visible) : 0;
                }
                // the table logarithm is within 7.6e-6 of ln, and a row's weights sum to 1: 7.6e-6 / ln 2
                assertThat(sweep.entropy()[l][h]).isCloseTo(t > 1 ? entropy / (t - 1) : 0, within(1.1e-5));
            }
        }
        MetricsSweep.Result sinksOnly = MetricsSweep.sinks(a, exclude);
        assertThat(sinksOnly.sinkScore()).isDeepEqualTo(sweep.sinkScore());
        assertThat(sinksOnly.received()).isDeepEqualTo(sweep.received());
    }

    @Test
    void rowBlocksCoverEveryRowOnceWithEvenWork() {
        for (int t : new int[] {1, 2, 3, 10, 511, 4096}) {
            for (boolean causal : new boolean[] {true, false}) {
                int[] b = MetricsSweep.rowBlocks(t, causal, 4);
                assertThat(b[0]).isZero();
                assertThat(b[b.length - 1]).isEqualTo(t);
                for (int q = 1; q < b.length; q++) {
                    assertThat(b[q]).isGreaterThanOrEqualTo(b[q - 1]);
                }
            }
        }
        int[] causal = MetricsSweep.rowBlocks(4096, true, 4);
        long first = (long) causal[1] * (causal[1] + 1) / 2;
        long last = (long) 4096 * 4097 / 2 - (long) causal[3] * (causal[3] + 1) / 2;
        assertThat((double) last / first).isBetween(0.95, 1.05); // equal areas of the triangle
    }

    @Test
    void theSameAttentionGivesTheSameNumbersEveryTime() {
        AttentionSet a = TestAttention.random(99, 4, 4, 200, true);
        Analysis once = Analysis.of(a, 0.3, false);
        Analysis again = Analysis.of(a, 0.3, false);
        assertThat(again.entropy().entropy()).isDeepEqualTo(once.entropy().entropy());
        assertThat(again.mixing().lastRowComposition(3)).containsExactly(once.mixing().lastRowComposition(3));
    }

    @ParameterizedTest(name = "causal={0}")
    @CsvSource({"true", "false"})
    void wholeLayersPerCoreGiveTheNumbersOfLayerAfterLayer(boolean causal) {
        // 4 heads x 512 x 512 per layer: both ways split the work across the cores
        AttentionSet a = TestAttention.random(causal ? 5 : 6, 4, 4, 512, causal);
        assertThat((long) a.heads() * a.tokens() * a.tokens()).isGreaterThanOrEqualTo(MetricsSweep.PARALLEL_FROM);
        // the head means' arrays are kept between calls: first fill them from a set of the other kind
        MetricsSweep.layersAtOnce(TestAttention.random(7, 4, 4, 512, !causal), false, true);
        MetricsSweep.Result once = MetricsSweep.layersAtOnce(a, true, true);
        MetricsSweep.Result reference = MetricsSweep.layerAfterLayer(a, true, true, false);
        for (int l = 0; l < a.layers(); l++) {
            // the same rows and chains, only the rows' sums grouped differently
            assertThat(once.lastRow()[l]).containsExactly(reference.lastRow()[l]);
            assertThat(once.ablatedLastRow()[l]).containsExactly(reference.ablatedLastRow()[l]);
            assertThat(once.sinkScore()[l]).containsExactly(reference.sinkScore()[l], within(1e-12));
            assertThat(once.entropy()[l]).containsExactly(reference.entropy()[l], within(1e-12));
            for (int h = 0; h < a.heads(); h++) {
                assertThat(once.received()[l][h]).containsExactly(reference.received()[l][h], within(1e-12));
            }
        }
        MetricsSweep.Result sinksOnly = MetricsSweep.layersAtOnce(a, true, false);
        assertThat(sinksOnly.sinkScore()).isDeepEqualTo(once.sinkScore());
        assertThat(sinksOnly.received()).isDeepEqualTo(once.received());
        assertThat(MetricsSweep.layerAfterLayer(a, true, true, true).lastRow()).isDeepEqualTo(reference.lastRow());
    }
}
