package org.sinkscope.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.inspect.AttentionTap;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.testing.Fixtures;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/** Runs whose attention ONNX Runtime writes into reused buffers give what an ordinary run gives. */
class PinnedOutputsTest {
    /** ONNX Runtime's threaded reductions differ between runs by ~1e-10. */
    private static final double SAME = 1e-6;

    @Test
    void pinnedRunsEqualUnpinnedOnesAcrossLengthsAndWithHiddenStates() throws Exception {
        ModelSource source = ModelSource.resolve("demo:tinysink-llama");
        try (ModelSession s = ModelSession.open(source); ModelSession fresh = ModelSession.open(source)) {
            TokenizedPrompt p20 = s.tokenize("The cat sat on the mat and looked at the old dog by the fire.", true);
            TokenizedPrompt p33 = s.tokenize("Snow fell all night on the quiet village, and in the morning the children"
                    + " ran out to build a snowman.", true);
            AttentionSet first = s.run(p20); // learns the output shapes
            AttentionSet pinned = s.run(p20); // written into reused buffers
            assertThat(Fixtures.maxAbsDifference(pinned, first)).isLessThan(SAME);

            AttentionSet longer = s.run(p33); // pinned at a new length: the shapes follow T
            assertThat(longer.tokens()).isEqualTo(p33.length());
            assertThat(Fixtures.maxAbsDifference(longer, fresh.run(p33))).isLessThan(SAME);

            ModelSession.Output withHidden = s.run(p20, true);
            assertThat(withHidden.hidden()).isPresent();
            assertThat(Fixtures.maxAbsDifference(withHidden.attention(), first)).isLessThan(SAME);
            assertThat(s.run(p20).layerData(0)).isNotSameAs(pinned.layerData(0)); // every result owns its arrays
        }
    }

    @Test
    void onlyKnownShapesWithinTheLimitArePinned() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        PinnedOutputs outputs = new PinnedOutputs();
        List<AttentionTap> taps = List.of(new AttentionTap(0, "a0", "n0", "Softmax"), new AttentionTap(1, "a1", "n1", "Softmax"));
        assertThat(outputs.forLength(env, taps, 16)).as("shapes not learned yet").isEmpty();
        outputs.remember("a0", new long[] {1, 8, 10, 10});
        assertThat(outputs.forLength(env, taps, 16)).as("one shape still unknown").isEmpty();
        outputs.remember("a1", new long[] {1, 8, 10, 10});
        Map<String, PinnedOutputs.Pinned> pinned = outputs.forLength(env, taps, 16);
        try {
            assertThat(pinned.get("a1").shape()).containsExactly(1, 8, 16, 16);
            assertThat(pinned.get("a1").data().capacity()).isEqualTo(8 * 16 * 16);
        } finally {
            pinned.values().forEach(p -> p.tensor().close());
        }
        // 2 layers x 8 heads x 2,100^2 x 4 bytes = 269 MiB: above the 256 MiB limit, ONNX Runtime allocates as before
        assertThat(outputs.forLength(env, taps, 2100)).isEmpty();
    }
}
