package org.sinkscope.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.attention.AttentionSet;

class EntropyMetricsTest {
    private static final double EXACT = 1e-12;
    private static final double FLOAT = 1e-6;
    /** The table logarithm's 7.6e-6 over ln 2, the smallest normaliser. */
    private static final double TABLE_LN = 1.1e-5;

    @Test
    void uniformCausalRowsHaveEntropyOne() {
        // row i is uniform over keys 0..i (1/3 is not exact in float, nor in the table logarithm
        // of METRICS.md section 6, which is within 7.6e-6 of ln)
        AttentionSet uniform = TestAttention.of(new double[][][] {
                {{1, 0, 0, 0}, {1, 1, 0, 0}, {1, 1, 1, 0}, {1, 1, 1, 1}}});

        EntropyMetrics m = EntropyMetrics.compute(uniform);

        assertThat(m.entropy(0, 0)).isCloseTo(1.0, within(TABLE_LN));
        assertThat(EntropyMetrics.rowEntropy(uniform, 0, 0, 2)).isCloseTo(Math.log(3), within(FLOAT));
    }

    @Test
    void oneHotRowsHaveEntropyZero() {
        // head 0 always looks at itself, head 1 always at token 0
        AttentionSet oneHot = TestAttention.of(new double[][][] {
                {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
                {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}}});

        assertThat(EntropyMetrics.compute(oneHot).entropy()[0]).containsExactly(new double[] {0, 0}, within(EXACT));
    }

    @Test
    void causalRowsAreNormalisedByTheLogOfTheirVisibleKeys() {
        AttentionSet causal = TestAttention.of(new double[][][] {
                {{1, 0, 0}, {0.5, 0.5, 0}, {0.5, 0.25, 0.25}}});

        // row 1: ln2 / ln2 = 1; row 2: (0.5 ln2 + 0.5 ln4) / ln3 = 1.5 ln2 / ln3
        double expected = (1 + 1.5 * Math.log(2) / Math.log(3)) / 2;
        assertThat(EntropyMetrics.compute(causal).entropy(0, 0)).isCloseTo(expected, within(EXACT));
        assertThat(EntropyMetrics.normalisedRowEntropy(causal, 0, 0, 0)).isZero();
    }

    @Test
    void nonCausalRowsAreNormalisedByLogOfSequenceLength() {
        // row 0 makes the set non-causal and is left out of the mean
        AttentionSet encoder = TestAttention.of(new double[][][] {
                {{0.25, 0.25, 0.5}, {0.5, 0.5, 0}, {0.5, 0.25, 0.25}}});
        assertThat(encoder.causal()).isFalse();

        // row 1: ln2 / ln3; row 2: 1.5 ln2 / ln3; mean 1.25 ln2 / ln3
        double expected = 1.25 * Math.log(2) / Math.log(3);
        assertThat(EntropyMetrics.compute(encoder).entropy(0, 0)).isCloseTo(expected, within(EXACT));
    }

    @Test
    void singleTokenHasEntropyZero() {
        AttentionSet single = TestAttention.of(new double[][][] {{{1}}}, new double[][][] {{{1}}});

        assertThat(EntropyMetrics.compute(single).entropy()).isDeepEqualTo(new double[][] {{0}, {0}});
    }
}
