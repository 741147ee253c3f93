package org.sinkscope.runtime.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sinkscope.runtime.testing.Fixtures.doubleRows;
import static org.sinkscope.runtime.testing.Fixtures.doubles;
import static org.sinkscope.runtime.testing.Fixtures.longs;
import static org.sinkscope.runtime.testing.Fixtures.maxAbsDifference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sinkscope.runtime.experiments.Perturbation;
import org.sinkscope.runtime.hidden.HiddenMetrics;
import org.sinkscope.runtime.hidden.HiddenSource;
import org.sinkscope.runtime.hidden.HiddenStates;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.testing.Fixtures;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * Perturbation propagation and representational collapse (METRICS.md section 4) on the shipped
 * float32 demo models, against the same numbers computed from PyTorch's hidden states
 * (fixtures/reference/pytorch-hidden-states.json, made by tools/pytorch-reference; prompts that
 * no issue or tour uses, with and without BOS, on the Llama-style, no-BOS and GPT-2-style models).
 */
class PyTorchHiddenStatesGoldenTest {
    private static final double TOLERANCE = 1e-4;

    record Case(String model, String text, boolean bos, int position, String replacement, long[] ids,
            long[] perturbedIds, double[][] relativeChange, double[][] tokenNorms, double[] meanPairwiseCosine,
            double[] rankCollapseResidual) {
        @Override
        public String toString() {
            return model + (bos ? " with BOS" : " without BOS") + ", " + ids.length + " tokens";
        }
    }

    static Stream<Case> cases() throws IOException {
        JsonNode root = new ObjectMapper().readTree(Fixtures.path("reference/pytorch-hidden-states.json").toFile());
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            cases.add(new Case(c.get("model").asText(), c.get("text").asText(), c.get("bos").asBoolean(),
                    c.get("position").asInt(), c.get("replacement").asText(), longs(c.get("ids")),
                    longs(c.get("perturbedIds")), doubleRows(c.get("relativeChange")), doubleRows(c.get("tokenNorms")),
                    doubles(c.get("meanPairwiseCosine")), doubles(c.get("rankCollapseResidual"))));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void perturbationAndCollapseMatchPyTorchsHiddenStates(Case c) throws Exception {
        try (ModelSession s = ModelSession.open(ModelSource.resolve("demo:" + c.model()))) {
            TokenizedPrompt prompt = s.tokenize(c.text(), c.bos());
            assertThat(prompt.ids()).as("token ids").containsExactly(c.ids());

            Perturbation.Result r = Perturbation.run(s, prompt, c.position(), c.replacement());
            assertThat(r.source()).isEqualTo(HiddenSource.RESIDUAL);
            assertThat(r.perturbed().ids()).containsExactly(c.perturbedIds());
            assertThat(maxAbsDifference(r.relativeChange(), c.relativeChange())).as("relative change D")
                    .isLessThan(TOLERANCE);

            HiddenStates h = s.run(prompt, true).hidden().orElseThrow();
            HiddenMetrics m = HiddenMetrics.compute(h);
            assertThat(maxAbsDifference(m.meanPairwiseCosine(), c.meanPairwiseCosine())).as("mean pairwise cosine")
                    .isLessThan(TOLERANCE);
            assertThat(maxAbsDifference(m.rankCollapseResidual(), c.rankCollapseResidual())).as("rank-collapse residual")
                    .isLessThan(TOLERANCE);
            // norms grow to hundreds in a residual stream: compared relative to their size
            for (int state = 0; state < h.count(); state++) {
                for (int j = 0; j < h.tokens(); j++) {
                    double expected = c.tokenNorms()[state][j];
                    assertThat(Math.abs(m.tokenNorms()[state][j] - expected)).as("norm of state %d position %d", state, j)
                            .isLessThan(TOLERANCE * Math.max(1, expected));
                }
            }
        }
    }
}
