package org.sinkscope.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.attention.AttentionSet;

class AnalysisTest {
    private static final double EXACT = 1e-12;

    /** Two causal layers, one head, 2 tokens: sink scores (1 + 0.5) / 2 = 0.75 and (1 + 0) / 2 = 0.5. */
    private static final AttentionSet SET = TestAttention.of(
            new double[][][] {{{1, 0}, {0.5, 0.5}}},
            new double[][][] {{{1, 0}, {0, 1}}});

    @Test
    void ofComputesEveryMetricForTheSameAttention() {
        Analysis analysis = Analysis.of(SET, 0.6, true);

        assertThat(analysis.attention()).isSameAs(SET);
        assertThat(analysis.epsilon()).isEqualTo(0.6);
        assertThat(analysis.sinks().excludeFirstQuery()).isTrue();
        // excluding query 0: layer 0 scores 0.5, layer 1 scores 0
        assertThat(analysis.sinks().sinkScore()).isDeepEqualTo(new double[][] {{0.5}, {0.0}});
        assertThat(analysis.entropy().entropy()).hasDimensions(2, 1);
        assertThat(analysis.mixing().sinkShare()).hasSize(2);
    }

    @Test
    void sinkRateIsReadAtTheAnalysisEpsilon() {
        Analysis analysis = Analysis.of(SET, 0.6, false);

        // scores 0.75 and 0.5: only layer 0 is above 0.6
        assertThat(analysis.sinkRate()).isCloseTo(0.5, within(EXACT));
        assertThat(analysis.sinkRateByLayer()).containsExactly(new double[] {1, 0}, within(EXACT));
        // at exactly 0.5 the second head still does not count
        assertThat(analysis.withEpsilon(0.5).sinkRate()).isCloseTo(0.5, within(EXACT));
        assertThat(analysis.withEpsilon(0.4).sinkRate()).isCloseTo(1, within(EXACT));
    }

    @Test
    void epsilonOutsideUnitIntervalIsRejected() {
        assertThatThrownBy(() -> Analysis.of(SET, -0.01, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epsilon must be in [0, 1]")
                .hasMessageContaining("-0.01");
        assertThatThrownBy(() -> Analysis.of(SET, 1.01, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Analysis.of(SET, Double.NaN, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Analysis.of(SET, 0.5, false).withEpsilon(2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void epsilonAtTheBoundsIsAccepted() {
        assertThat(Analysis.of(SET, 0, false).sinkRate()).isCloseTo(1, within(EXACT));
        assertThat(Analysis.of(SET, 1, false).sinkRate()).isCloseTo(0, within(EXACT));
    }
}
