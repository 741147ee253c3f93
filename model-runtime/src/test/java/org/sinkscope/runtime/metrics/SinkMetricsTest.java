package org.sinkscope.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.attention.AttentionSet;

class SinkMetricsTest {
    private static final double EXACT = 1e-12;

    /** One layer, two causal heads over 3 tokens; every value is exact in float. */
    private static final AttentionSet CAUSAL = TestAttention.of(new double[][][] {
            {{1, 0, 0}, {0.5, 0.5, 0}, {0.25, 0.25, 0.5}},
            {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}});

    /**
     * Two layers, two heads over 2 tokens, not causal; every row is the same, so the sink scores
     * are 0.5, 0.75 in layer 0 and 0.25, 1 in layer 1.
     */
    private static final AttentionSet RATES = TestAttention.of(
            new double[][][] {{{0.5, 0.5}, {0.5, 0.5}}, {{0.75, 0.25}, {0.75, 0.25}}},
            new double[][][] {{{0.25, 0.75}, {0.25, 0.75}}, {{1, 0}, {1, 0}}});

    @Test
    void sinkScoreAveragesFirstColumnOverAllQueries() {
        SinkMetrics m = SinkMetrics.compute(CAUSAL, false);

        // head 0: (1 + 0.5 + 0.25) / 3; head 1: (1 + 0 + 0) / 3
        assertThat(m.sinkScore(0, 0)).isCloseTo(1.75 / 3, within(EXACT));
        assertThat(m.sinkScore(0, 1)).isCloseTo(1.0 / 3, within(EXACT));
        assertThat(m.sinkScore()[0]).containsExactly(new double[] {1.75 / 3, 1.0 / 3}, within(EXACT));
        assertThat(m.excludeFirstQuery()).isFalse();
    }

    @Test
    void sinkScoreExcludingFirstQueryAveragesRowsOneToEnd() {
        SinkMetrics m = SinkMetrics.compute(CAUSAL, true);

        // head 0: (0.5 + 0.25) / 2; head 1: (0 + 0) / 2
        assertThat(m.sinkScore(0, 0)).isCloseTo(0.375, within(EXACT));
        assertThat(m.sinkScore(0, 1)).isCloseTo(0.0, within(EXACT));
        assertThat(m.excludeFirstQuery()).isTrue();
    }

    @Test
    void sinkScoreExcludingFirstQueryFallsBackToRowZeroForOneToken() {
        AttentionSet single = TestAttention.of(new double[][][] {{{1}}});

        assertThat(SinkMetrics.compute(single, true).sinkScore(0, 0)).isCloseTo(1.0, within(EXACT));
    }

    @Test
    void receivedAttentionInCausalSetAveragesOverQueriesThatSeeTheKey() {
        double[] head0 = SinkMetrics.compute(CAUSAL, false).receivedAttention(0, 0);

        // k=0: (1 + 0.5 + 0.25) / 3; k=1: (0.5 + 0.25) / 2; k=2: 0.5 / 1
        assertThat(head0).containsExactly(new double[] {1.75 / 3, 0.375, 0.5}, within(EXACT));
    }

    @Test
    void receivedAttentionInNonCausalSetIsThePlainColumnMean() {
        AttentionSet encoder = TestAttention.of(new double[][][] {{{0.25, 0.75}, {0.5, 0.5}}});
        assertThat(encoder.causal()).isFalse();

        // k=0: (0.25 + 0.5) / 2; k=1: (0.75 + 0.5) / 2
        double[][][] received = SinkMetrics.compute(encoder, false).receivedAttention();
        assertThat(received[0][0]).containsExactly(new double[] {0.375, 0.625}, within(EXACT));
    }

    @Test
    void sinkRateCountsOnlyScoresStrictlyAboveEpsilon() {
        SinkMetrics m = SinkMetrics.compute(RATES, false);

        // scores 0.5, 0.75, 0.25, 1: at 0.5 the head scoring exactly 0.5 does not count
        assertThat(m.sinkRate(0.5)).isCloseTo(0.5, within(EXACT));
        assertThat(m.sinkRate(0.3)).isCloseTo(0.75, within(EXACT));
        assertThat(m.sinkRate(0.0)).isCloseTo(1.0, within(EXACT));
        assertThat(m.sinkRate(1.0)).isCloseTo(0.0, within(EXACT));
    }

    @Test
    void sinkRateByLayerIsTheShareOfHeadsAboveEpsilonInEachLayer() {
        SinkMetrics m = SinkMetrics.compute(RATES, false);

        // layer 0 scores {0.5, 0.75}, layer 1 scores {0.25, 1}
        assertThat(m.sinkRateByLayer(0.5)).containsExactly(new double[] {0.5, 0.5}, within(EXACT));
        assertThat(m.sinkRateByLayer(0.3)).containsExactly(new double[] {1.0, 0.5}, within(EXACT));
        assertThat(m.sinkRateByLayer(0.75)).containsExactly(new double[] {0.0, 0.5}, within(EXACT));
    }

    @Test
    void sinkRateRejectsEpsilonOutsideUnitInterval() {
        SinkMetrics m = SinkMetrics.compute(RATES, false);

        assertThatThrownBy(() -> m.sinkRate(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.sinkRateByLayer(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gettersReturnCopies() {
        SinkMetrics m = SinkMetrics.compute(CAUSAL, false);

        m.sinkScore()[0][0] = 42;
        m.receivedAttention()[0][0][0] = 42;
        m.receivedAttention(0, 0)[0] = 42;

        assertThat(m.sinkScore(0, 0)).isCloseTo(1.75 / 3, within(EXACT));
        assertThat(m.receivedAttention(0, 0)[0]).isCloseTo(1.75 / 3, within(EXACT));
    }
}
