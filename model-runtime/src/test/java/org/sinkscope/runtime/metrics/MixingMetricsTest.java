package org.sinkscope.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.attention.AttentionSet;

class MixingMetricsTest {
    private static final double EXACT = 1e-12;
    /**
     * The rollout multiplies by each layer's head mean, which is summed in float32 (the precision
     * of the attention itself): against a double product over every head it agrees to ~1e-8.
     */
    private static final double ROLLOUT = 1e-7;

    /**
     * Two causal layers, one head, 3 tokens (all values exact in float):
     * A0 = [[1,0,0],[0.5,0.5,0],[0.5,0.25,0.25]], A1 = [[1,0,0],[0.25,0.75,0],[0.5,0.25,0.25]].
     */
    private static final AttentionSet TWO_LAYERS = TestAttention.of(
            new double[][][] {{{1, 0, 0}, {0.5, 0.5, 0}, {0.5, 0.25, 0.25}}},
            new double[][][] {{{1, 0, 0}, {0.25, 0.75, 0}, {0.5, 0.25, 0.25}}});

    /** Normalised entropy of a two-way split p, 1-p over ln 2. */
    private static double binaryEntropy(double p) {
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
    }

    @Test
    void rolloutOfThreeTokensMatchesHandComputation() {
        MixingMetrics m = MixingMetrics.compute(TWO_LAYERS);

        // Ahat0 = 0.5 A0 + 0.5 I = [[1,0,0],[0.25,0.75,0],[0.25,0.125,0.625]]; R(0) row 2 is its row 2.
        assertThat(m.lastRowComposition(0)).containsExactly(new double[] {0.25, 0.125, 0.625}, within(EXACT));
        // Ahat1 row 2 = [0.25,0.125,0.625]; R(1) row 2 = 0.25 Ahat0[0] + 0.125 Ahat0[1] + 0.625 Ahat0[2]
        //   = [0.25 + 0.03125 + 0.15625, 0.09375 + 0.078125, 0.390625] = [0.4375, 0.171875, 0.390625]
        assertThat(m.lastRowComposition(1)).containsExactly(new double[] {0.4375, 0.171875, 0.390625}, within(EXACT));
        assertThat(m.sinkShare()).containsExactly(new double[] {0.25, 0.4375}, within(EXACT));
        // content columns renormalised: layer 0 [0.125, 0.625] / 0.75 = [1/6, 5/6];
        // layer 1 [11/64, 25/64] / (36/64) = [11/36, 25/36]; T-1 = 2 so divide by ln 2
        assertThat(m.mixingEntropy()).containsExactly(
                new double[] {binaryEntropy(1.0 / 6), binaryEntropy(11.0 / 36)}, within(EXACT));
    }

    @Test
    void ablatedRolloutOfThreeTokensMatchesHandComputation() {
        MixingMetrics m = MixingMetrics.compute(TWO_LAYERS);

        // A0' = [[1,0,0] (kept: no mass outside key 0), [0,1,0], [0,0.5,0.5]]
        // Ahat0' = [[1,0,0],[0,1,0],[0,0.25,0.75]]; R'(0) row 2 = [0, 0.25, 0.75]
        assertThat(m.ablatedLastRowComposition(0)).containsExactly(new double[] {0, 0.25, 0.75}, within(EXACT));
        // Ahat1' row 2 = [0,0.25,0.75]; R'(1) row 2 = 0.25 [0,1,0] + 0.75 [0,0.25,0.75] = [0, 0.4375, 0.5625]
        assertThat(m.ablatedLastRowComposition(1)).containsExactly(new double[] {0, 0.4375, 0.5625}, within(EXACT));
        assertThat(m.ablatedSinkShare()).containsExactly(new double[] {0, 0}, within(EXACT));
        assertThat(m.ablatedMixingEntropy()).containsExactly(
                new double[] {binaryEntropy(0.25), binaryEntropy(7.0 / 16)}, within(EXACT));
    }

    @Test
    void ablationKeepsRowsWithNoMassOutsideTheSink() {
        // non-causal (row 0 looks ahead); row 2 looks only at token 0 and so stays as it is in A'
        AttentionSet encoder = TestAttention.of(new double[][][] {{{0, 0.5, 0.5}, {0, 1, 0}, {1, 0, 0}}});

        MixingMetrics m = MixingMetrics.compute(encoder);

        // Ahat row 2 = 0.5 [1,0,0] + 0.5 [0,0,1] for both A and A'
        assertThat(m.lastRowComposition(0)).containsExactly(new double[] {0.5, 0, 0.5}, within(EXACT));
        assertThat(m.ablatedLastRowComposition(0)).containsExactly(new double[] {0.5, 0, 0.5}, within(EXACT));
        assertThat(m.ablatedSinkShare()[0]).isCloseTo(0.5, within(EXACT));
        // all content mass on token 2: no mixing
        assertThat(m.ablatedMixingEntropy()[0]).isCloseTo(0, within(EXACT));
    }

    @Test
    void mixingEntropyIsZeroWithFewerThanTwoContentTokens() {
        AttentionSet two = TestAttention.of(new double[][][] {{{1, 0}, {0.5, 0.5}}});
        AttentionSet one = TestAttention.of(new double[][][] {{{1}}});

        MixingMetrics m2 = MixingMetrics.compute(two);
        MixingMetrics m1 = MixingMetrics.compute(one);

        // T=2: Ahat row 1 = [0.25, 0.75]; A' row 1 = [0, 1] so Ahat' row 1 = [0, 1]
        assertThat(m2.sinkShare()[0]).isCloseTo(0.25, within(EXACT));
        assertThat(m2.ablatedLastRowComposition(0)).containsExactly(new double[] {0, 1}, within(EXACT));
        assertThat(m2.mixingEntropy()[0]).isZero();
        assertThat(m2.ablatedMixingEntropy()[0]).isZero();
        // T=1: the only row cannot be ablated, so both rollouts are [1]
        assertThat(m1.sinkShare()[0]).isCloseTo(1, within(EXACT));
        assertThat(m1.ablatedSinkShare()[0]).isCloseTo(1, within(EXACT));
        assertThat(m1.mixingEntropy()[0]).isZero();
    }

    @Test
    void rowVectorRolloutEqualsFullMatrixProductOnRandomCausalSet() {
        AttentionSet a = TestAttention.random(7, 3, 2, 7, true);
        assertThat(a.causal()).isTrue();

        assertMatchesNaiveRollout(a);
    }

    @Test
    void rowVectorRolloutEqualsFullMatrixProductOnRandomNonCausalSet() {
        AttentionSet a = TestAttention.random(11, 3, 2, 7, false);
        assertThat(a.causal()).isFalse();

        assertMatchesNaiveRollout(a);
    }

    @Test
    void repeatedComputationGivesIdenticalResults() {
        AttentionSet a = TestAttention.random(3, 6, 4, 16, true);

        MixingMetrics first = MixingMetrics.compute(a);
        MixingMetrics second = MixingMetrics.compute(a);

        assertThat(second.sinkShare()).isEqualTo(first.sinkShare());
        assertThat(second.ablatedMixingEntropy()).isEqualTo(first.ablatedMixingEntropy());
    }

    private static void assertMatchesNaiveRollout(AttentionSet a) {
        MixingMetrics m = MixingMetrics.compute(a);
        double[][] rows = naiveLastRows(a, false);
        double[][] ablatedRows = naiveLastRows(a, true);
        for (int l = 0; l < a.layers(); l++) {
            assertThat(m.lastRowComposition(l)).containsExactly(rows[l], within(ROLLOUT));
            assertThat(m.ablatedLastRowComposition(l)).containsExactly(ablatedRows[l], within(ROLLOUT));
            assertThat(m.sinkShare()[l]).isCloseTo(rows[l][0], within(ROLLOUT));
            assertThat(m.ablatedSinkShare()[l]).isCloseTo(ablatedRows[l][0], within(ROLLOUT));
            assertThat(m.mixingEntropy()[l]).isCloseTo(naiveContentEntropy(rows[l]), within(ROLLOUT));
            assertThat(m.ablatedMixingEntropy()[l]).isCloseTo(naiveContentEntropy(ablatedRows[l]), within(ROLLOUT));
        }
    }

    /** Row T-1 of R(l) for every l, by full T x T products R(l) = Ahat(l) R(l-1). */
    private static double[][] naiveLastRows(AttentionSet a, boolean ablate) {
        int t = a.tokens();
        int heads = a.heads();
        double[][] r = new double[t][t];
        for (int i = 0; i < t; i++) {
            r[i][i] = 1;
        }
        double[][] lastRows = new double[a.layers()][];
        for (int l = 0; l < a.layers(); l++) {
            double[][] ahat = new double[t][t];
            for (int i = 0; i < t; i++) {
                ahat[i][i] = 0.5;
                for (int h = 0; h < heads; h++) {
                    double[] row = new double[t];
                    for (int j = 0; j < t; j++) {
                        row[j] = a.get(l, h, i, j);
                    }
                    if (ablate) {
                        row = ablated(row);
                    }
                    for (int j = 0; j < t; j++) {
                        ahat[i][j] += 0.5 * row[j] / heads;
                    }
                }
            }
            double[][] next = new double[t][t];
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    for (int k = 0; k < t; k++) {
                        next[i][j] += ahat[i][k] * r[k][j];
                    }
                }
            }
            r = next;
            lastRows[l] = r[t - 1].clone();
        }
        return lastRows;
    }

    private static double[] ablated(double[] row) {
        double rest = 0;
        for (int j = 1; j < row.length; j++) {
            rest += row[j];
        }
        if (rest <= 1e-12) {
            return row;
        }
        double[] out = new double[row.length];
        for (int j = 1; j < row.length; j++) {
            out[j] = row[j] / rest;
        }
        return out;
    }

    private static double naiveContentEntropy(double[] row) {
        double mass = 0;
        for (int j = 1; j < row.length; j++) {
            mass += row[j];
        }
        double h = 0;
        for (int j = 1; j < row.length; j++) {
            double q = row[j] / mass;
            h -= q > 0 ? q * Math.log(q) : 0;
        }
        return h / Math.log(row.length - 1);
    }
}
