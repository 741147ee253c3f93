package org.sinkscope.runtime.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sinkscope.runtime.testing.Fixtures.attentionOf;
import static org.sinkscope.runtime.testing.Fixtures.doubles;
import static org.sinkscope.runtime.testing.Fixtures.longs;
import static org.sinkscope.runtime.testing.Fixtures.maxAbsDifference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.inspect.AttentionSourceKind;
import org.sinkscope.runtime.io.NpyReader;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.testing.Fixtures;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * demo:tinysink-llama against PyTorch eager attention (float32) for the four reference
 * prompts: token ids, every attention probability, and every metric.
 */
class TinySinkLlamaGoldenTest {
    private static final double TOLERANCE = 1e-4;
    /** p300's reference attention was stored as float16: half an ulp at 1.0 is 2.4e-4. */
    private static final double FLOAT16_TOLERANCE = 5e-4;

    private static ModelSession session;
    private static JsonNode reference;

    @BeforeAll
    static void open() throws Exception {
        session = ModelSession.open(ModelSource.resolve("demo:tinysink-llama"));
        reference = new ObjectMapper().readTree(Fixtures.path("reference/tinysink-llama.json").toFile());
        // learns the output shapes: every later run is written into pinned buffers, and analyze
        // measures it while copying it out (CausalCapture), the path the app and the CLI take
        session.run(session.tokenize("The cat sat.", true));
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static JsonNode prompt(String name) {
        for (JsonNode p : reference.path("prompts")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no reference prompt " + name);
    }

    @Test
    void attentionComesFromExposedSoftmaxNodesOnePerLayer() {
        assertThat(session.inspection().attention().kind()).isEqualTo(AttentionSourceKind.SOFTMAX_NODES);
        assertThat(session.inspection().attention().layers()).isEqualTo(8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"p12", "p40", "p100", "p300"})
    void tokenizerPrependsBosAndMatchesReferenceIdsAndTexts(String name) throws Exception {
        JsonNode p = prompt(name);
        TokenizedPrompt tokens = session.tokenize(p.path("text").asText(), true);
        JsonNode with = p.path("with_bos");
        assertThat(tokens.ids()).containsExactly(longs(with.path("token_ids")));
        assertThat(tokens.texts()).containsExactly(strings(with.path("token_texts")));
        assertThat(tokens.bosPrepended()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"p12", "p40", "p100", "p300"})
    void everyAttentionProbabilityMatchesPyTorch(String name) throws Exception {
        Map<String, NpyReader.Array> ref = Fixtures.llamaReference();
        long[] ids = Arrays.stream(ref.get(name + "_token_ids").values()).mapToLong(v -> (long) v).toArray();
        AttentionSet ours = session.run(session.fromIds(ids));
        AttentionSet theirs = attentionOf(ref.get(name + "_attentions"));
        double tolerance = name.equals("p300") ? FLOAT16_TOLERANCE : TOLERANCE;
        assertThat(maxAbsDifference(ours, theirs)).isLessThan(tolerance);
        assertThat(ours.causal()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"p12", "p40", "p100", "p300"})
    void sinkScoresRatesAndEntropyMatchPyTorch(String name) throws Exception {
        JsonNode with = prompt(name).path("with_bos");
        Analysis analysis = session.analyze(session.tokenize(prompt(name).path("text").asText(), true), 0.3, false);
        assertThat(session.lastRunTimes().measured()).isTrue();
        AttentionSet ours = analysis.attention();
        double[][] alpha = matrix(Fixtures.llamaReference().get(name + "_alpha"));
        assertThat(maxAbsDifference(analysis.sinks().sinkScore(), alpha)).isLessThan(TOLERANCE);
        assertThat(analysis.sinks().sinkRate(0.3)).isEqualTo(with.path("sink_rate_eps0.3").asDouble());
        assertThat(analysis.sinks().sinkRate(0.8)).isEqualTo(with.path("sink_rate_eps0.8").asDouble());
        // the reference's entropy: unnormalised, mean over heads and every query row, per layer
        double[] refEntropy = doubles(with.path("mean_attention_entropy_per_layer_nats"));
        assertThat(maxAbsDifference(rawEntropyPerLayer(ours), refEntropy)).isLessThan(TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"p12", "p40", "p100"})
    void everyReportedMetricMatchesTheSameMetricOnPyTorchAttention(String name) throws Exception {
        Map<String, NpyReader.Array> ref = Fixtures.llamaReference();
        long[] ids = Arrays.stream(ref.get(name + "_token_ids").values()).mapToLong(v -> (long) v).toArray();
        Analysis ours = session.analyze(session.fromIds(ids), 0.3, true);
        assertThat(session.lastRunTimes().measured()).isTrue();
        Analysis theirs = Analysis.of(attentionOf(ref.get(name + "_attentions")), 0.3, true);
        assertThat(maxAbsDifference(ours.sinks().sinkScore(), theirs.sinks().sinkScore())).isLessThan(TOLERANCE);
        assertThat(maxAbsDifference(ours.entropy().entropy(), theirs.entropy().entropy())).isLessThan(TOLERANCE);
        assertThat(maxAbsDifference(ours.mixing().sinkShare(), theirs.mixing().sinkShare())).isLessThan(TOLERANCE);
        assertThat(maxAbsDifference(ours.mixing().mixingEntropy(), theirs.mixing().mixingEntropy())).isLessThan(TOLERANCE);
        assertThat(maxAbsDifference(ours.mixing().ablatedMixingEntropy(), theirs.mixing().ablatedMixingEntropy()))
                .isLessThan(TOLERANCE);
        assertThat(ours.sinks().sinkRateByLayer(0.3)).containsExactly(theirs.sinks().sinkRateByLayer(0.3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"p12", "p40", "p100", "p300"})
    void withoutBosTheTokensAndSinkScoresMatchPyTorchToo(String name) throws Exception {
        JsonNode without = prompt(name).path("without_bos");
        TokenizedPrompt tokens = session.tokenize(prompt(name).path("text").asText(), false);
        assertThat(tokens.ids()).containsExactly(longs(without.path("token_ids")));
        Analysis analysis = session.analyze(tokens, 0.3, false);
        JsonNode alpha = without.path("alpha_first_token");
        for (int l = 0; l < alpha.size(); l++) {
            assertThat(maxAbsDifference(analysis.sinks().sinkScore()[l], doubles(alpha.get(l)))).isLessThan(TOLERANCE);
        }
        assertThat(analysis.sinks().sinkRate(0.3)).isEqualTo(without.path("sink_rate_eps0.3").asDouble());
    }

    static double[] rawEntropyPerLayer(AttentionSet a) {
        double[] result = new double[a.layers()];
        int t = a.tokens();
        for (int l = 0; l < a.layers(); l++) {
            double sum = 0;
            for (int h = 0; h < a.heads(); h++) {
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j < t; j++) {
                        double v = a.get(l, h, i, j);
                        if (v > 0) {
                            sum -= v * Math.log(v);
                        }
                    }
                }
            }
            result[l] = sum / (a.heads() * t);
        }
        return result;
    }

    private static double[][] matrix(NpyReader.Array a) {
        double[][] m = new double[a.size(0)][a.size(1)];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(a.values(), i * m[0].length, m[i], 0, m[0].length);
        }
        return m;
    }

    private static String[] strings(JsonNode n) {
        String[] r = new String[n.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = n.get(i).asText();
        }
        return r;
    }
}
