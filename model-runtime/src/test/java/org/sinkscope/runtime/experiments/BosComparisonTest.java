package org.sinkscope.runtime.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.metrics.SinkMetrics;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.source.ModelSource;

class BosComparisonTest {
    private static final String TEXT = "A farmer carried two baskets of apples to the market on the hill.";

    @Test
    void bothRunsEqualAnalysingEachPromptDirectlyAndTheDifferenceIsWithMinusWithout() throws Exception {
        try (ModelSession s = ModelSession.open(ModelSource.resolve("demo:tinysink-llama"))) {
            BosComparison c = BosComparison.run(s, TEXT, 0.3);
            assertThat(c.withBosPrompt().length()).isEqualTo(c.withoutBosPrompt().length() + 1);
            SinkMetrics with = SinkMetrics.compute(s.run(s.tokenize(TEXT, true)), false);
            SinkMetrics without = SinkMetrics.compute(s.run(s.tokenize(TEXT, false)), false);
            double[][] d = c.sinkScoreDifference();
            for (int l = 0; l < d.length; l++) {
                for (int h = 0; h < d[l].length; h++) {
                    assertThat(d[l][h]).isCloseTo(with.sinkScore(l, h) - without.sinkScore(l, h), within(1e-12));
                }
            }
            assertThat(c.sinkRateByLayerDifference()[3])
                    .isCloseTo(with.sinkRateByLayer(0.3)[3] - without.sinkRateByLayer(0.3)[3], within(1e-12));
            assertThat(c.sinkShareDifference()).hasSize(8);
            // the BOS-trained model's sinks collapse without BOS
            assertThat(c.withBos().sinkRate()).isGreaterThan(0.3);
            assertThat(c.withoutBos().sinkRate()).isLessThan(0.15);
        }
    }

    @Test
    void withEpsilonRejudgesBothRunsWithoutRecomputing() throws Exception {
        try (ModelSession s = ModelSession.open(ModelSource.resolve("demo:tinysink-gpt2"))) {
            BosComparison c = BosComparison.run(s, TEXT, 0.3);
            BosComparison strict = c.withEpsilon(0.8);
            assertThat(strict.withBos().attention()).isSameAs(c.withBos().attention());
            assertThat(strict.withBos().sinkRate()).isLessThanOrEqualTo(c.withBos().sinkRate());
            assertThat(strict.withoutBos().epsilon()).isEqualTo(0.8);
        }
    }
}
