package org.sinkscope.runtime.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.metrics.SinkMetrics;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

class ContextSweepTest {
    private static final String TEXT = "In the beginning of the project, the small team wrote a simple program that could"
            + " read a model and draw its attention. Every head of every layer became a picture, and the pictures"
            + " showed that most heads looked at the very first token, again and again.";

    @Test
    void defaultLengthsDoubleFromSixteenAndEndAtTheMaximum() {
        assertThat(ContextSweep.defaultLengths(100)).containsExactly(16, 32, 64, 100);
        assertThat(ContextSweep.defaultLengths(64)).containsExactly(16, 32, 64);
        assertThat(ContextSweep.defaultLengths(10)).containsExactly(10);
    }

    @Test
    void eachLengthEqualsAnalysingThatPrefixDirectly() throws Exception {
        try (ModelSession s = ModelSession.open(ModelSource.resolve("demo:tinysink-llama"))) {
            TokenizedPrompt full = s.tokenize(TEXT, true);
            ContextSweep.Result r = ContextSweep.run(s, full, new int[] {8, 16, 32, 1000}, 0.3);
            assertThat(r.lengths()).containsExactly(8, 16, 32);
            assertThat(r.skipped()).singleElement().asString().contains("1000");
            SinkMetrics direct = SinkMetrics.compute(s.run(ContextSweep.prefix(full, 16)), false);
            assertThat(r.sinkRate()[1]).isEqualTo(direct.sinkRate(0.3));
            assertThat(r.sinkRateByLayer()[1]).containsExactly(direct.sinkRateByLayer(0.3));
            assertThat(r.sinkRateByLayer()).hasNumberOfRows(3);
            assertThat(r.sinkRateByLayer()[0]).hasSize(8);
        }
    }

    @Test
    void aPromptShorterThanEveryLengthIsRefused() throws Exception {
        try (ModelSession s = ModelSession.open(ModelSource.resolve("demo:tinysink-gpt2"))) {
            TokenizedPrompt shortPrompt = s.tokenize("Hi.", true);
            assertThatThrownBy(() -> ContextSweep.run(s, shortPrompt, new int[] {16, 32}, 0.3))
                    .isInstanceOf(ModelException.class).hasMessageContaining("shorter than every requested length");
        }
    }
}
