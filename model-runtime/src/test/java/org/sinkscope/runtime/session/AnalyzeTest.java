package org.sinkscope.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.testing.Fixtures;
import org.sinkscope.runtime.testing.GraphEdits;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/** {@link ModelSession#analyze} gives what an analysis of {@link ModelSession#run}'s attention gives, however it got there. */
class AnalyzeTest {
    /** Two runs of ONNX Runtime differ by ~1e-10 (threaded reductions). */
    private static final double SAME = 1e-6;

    private static void assertSameNumbers(Analysis ours, Analysis reference) {
        assertThat(Fixtures.maxAbsDifference(ours.attention(), reference.attention())).isLessThan(SAME);
        assertThat(Fixtures.maxAbsDifference(ours.sinks().sinkScore(), reference.sinks().sinkScore())).isLessThan(SAME);
        for (int l = 0; l < ours.attention().layers(); l++) {
            assertThat(Fixtures.maxAbsDifference(ours.sinks().receivedAttention()[l],
                    reference.sinks().receivedAttention()[l])).isLessThan(SAME);
        }
        assertThat(Fixtures.maxAbsDifference(ours.entropy().entropy(), reference.entropy().entropy())).isLessThan(SAME);
        assertThat(Fixtures.maxAbsDifference(ours.mixing().sinkShare(), reference.mixing().sinkShare())).isLessThan(SAME);
        assertThat(Fixtures.maxAbsDifference(ours.mixing().ablatedMixingEntropy(),
                reference.mixing().ablatedMixingEntropy())).isLessThan(SAME);
        assertThat(ours.epsilon()).isEqualTo(reference.epsilon());
    }

    @Test
    void aCausalRunIsMeasuredWhileItIsCopiedAndGivesTheAnalysisOfItsAttention() throws Exception {
        try (ModelSession s = ModelSession.open(ModelSource.resolve("demo:tinysink-llama"))) {
            TokenizedPrompt p = s.tokenize("Snow fell all night on the quiet village, and in the morning the children"
                    + " ran out to build a snowman.", true);
            Analysis first = s.analyze(p, 0.3, false);
            assertThat(s.lastRunTimes().measured()).as("the first run learns the output shapes").isFalse();
            for (boolean exclude : new boolean[] {false, true}) {
                Analysis captured = s.analyze(p, 0.8, exclude);
                assertThat(s.lastRunTimes().measured()).isTrue();
                assertThat(captured.attention().causal()).isTrue();
                assertSameNumbers(captured, Analysis.of(s.run(p), 0.8, exclude));
            }
            assertSameNumbers(first, Analysis.of(s.run(p), 0.3, false));
            assertThatThrownBy(() -> s.analyze(p, 1.5, false)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anEncoderIsAnalysedAfterItsCopy() throws Exception {
        try (ModelSession s = ModelSession.open(ModelSource.resolve("demo:minilm"))) {
            TokenizedPrompt p = s.tokenize("The cat sat on the mat.", true);
            s.run(p);
            Analysis analysis = s.analyze(p, 0.3, false);
            assertThat(s.lastRunTimes().measured()).isFalse();
            assertThat(analysis.attention().causal()).isFalse();
            assertSameNumbers(analysis, Analysis.of(s.run(p), 0.3, false));
        }
    }

    @Test
    void nanInACapturedRunIsRefusedAsTheCopyRefusesIt(@TempDir Path tmp) throws Exception {
        Path model = GraphEdits.write(GraphEdits.withNaNEmbedding(GraphEdits.read(
                ModelSource.resolve("demo:tinysink-llama").modelFile()), 8192, 77), tmp.resolve("model.onnx"));
        try (ModelSession s = ModelSession.open(ModelSource.fromFile(model, model.toString()))) {
            TokenizedPrompt clean = s.fromIds(new long[] {1, 20, 30, 40, 50, 60});
            TokenizedPrompt poisoned = s.fromIds(new long[] {1, 20, 30, 77, 50, 60});
            s.analyze(clean, 0.3, false); // learns the output shapes
            assertThat(s.analyze(clean, 0.3, false).attention().causal()).isTrue();
            assertThat(s.lastRunTimes().measured()).isTrue();
            String message = "layer 0 attention contains NaN";
            assertThatThrownBy(() -> s.run(poisoned)).isInstanceOf(ModelException.class).hasMessageStartingWith(message);
            assertThatThrownBy(() -> s.analyze(poisoned, 0.3, false)).isInstanceOf(ModelException.class)
                    .hasMessageStartingWith(message);
            assertThat(s.analyze(clean, 0.3, false).attention().causal()).as("the session stays usable").isTrue();
            assertThat(s.lastRunTimes().measured()).isTrue();
        }
    }
}
