package org.sinkscope.runtime.hidden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.experiments.Perturbation;
import org.sinkscope.runtime.io.NpyReader;
import org.sinkscope.runtime.onnx.proto.Onnx.ModelProto;
import org.sinkscope.runtime.onnx.proto.Onnx.TensorProto;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.testing.Fixtures;
import org.sinkscope.runtime.testing.GraphEdits;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * The residual stream SinkScope exposes, checked against what it must equal: the embedding
 * rows at the input, and PyTorch's logits when the output head is applied to the last state.
 */
class HiddenStatesTest {
    private static final double TOLERANCE = 1e-4;

    @Test
    void llamaResidualStreamStartsAtTheEmbeddingAndEndsAtPyTorchsLogits() throws Exception {
        ModelSource source = ModelSource.resolve("demo:tinysink-llama");
        float[][] e = initializer(GraphEdits.read(source.modelFile()), "E_T"); // [D][V]
        NpyReader.Array ref = Fixtures.llamaReference().get("p12_logits"); // [T][V]
        long[] ids = Arrays.stream(Fixtures.llamaReference().get("p12_token_ids").values()).mapToLong(v -> (long) v).toArray();
        try (ModelSession s = ModelSession.open(source)) {
            assertThat(s.hiddenSource().kind()).isEqualTo(HiddenSource.RESIDUAL);
            assertThat(s.hiddenSource().outputs()).hasSize(9);
            HiddenStates h = s.run(s.fromIds(ids), true).hidden().orElseThrow();
            assertThat(h.count()).isEqualTo(9);
            assertThat(h.width()).isEqualTo(256);
            double embeddingError = 0;
            double logitError = 0;
            int v = e[0].length;
            for (int j = 0; j < ids.length; j++) {
                for (int k = 0; k < h.width(); k++) {
                    embeddingError = Math.max(embeddingError, Math.abs(h.get(0, j, k) - e[k][(int) ids[j]]));
                }
                for (int w = 0; w < v; w++) {
                    double logit = 0;
                    for (int k = 0; k < h.width(); k++) {
                        logit += h.get(8, j, k) * (double) e[k][w];
                    }
                    logitError = Math.max(logitError, Math.abs(logit - ref.values()[j * v + w]));
                }
            }
            assertThat(embeddingError).isZero();
            assertThat(logitError).isLessThan(TOLERANCE);
        }
    }

    @Test
    void gpt2ResidualStreamStartsAtTokenPlusPositionEmbeddings() throws Exception {
        ModelSource source = ModelSource.resolve("demo:tinysink-gpt2");
        ModelProto model = GraphEdits.read(source.modelFile());
        float[][] e = initializer(model, "E_T");
        float[][] wpe = initializer(model, "wpe"); // [positions][D]
        try (ModelSession s = ModelSession.open(source)) {
            assertThat(s.hiddenSource().outputs()).hasSize(5);
            TokenizedPrompt p = s.tokenize("The cat sat on the mat.", true);
            HiddenStates h = s.run(p, true).hidden().orElseThrow();
            double error = 0;
            for (int j = 0; j < p.length(); j++) {
                for (int k = 0; k < h.width(); k++) {
                    double expected = e[k][(int) p.ids()[j]] + wpe[j][k];
                    error = Math.max(error, Math.abs(h.get(0, j, k) - expected));
                }
            }
            assertThat(error).isLessThan(1e-6);
        }
    }

    @Test
    void int8AndKvExportsExposeTheirResidualStreamToo() throws Exception {
        for (String f : new String[] {"tinysink-llama/model-int8.onnx", "tinysink-llama/model-kv.onnx"}) {
            var path = Fixtures.path(f);
            try (ModelSession s = ModelSession.open(ModelSource.fromFile(path, f))) {
                assertThat(s.hiddenSource().kind()).as(f + ": " + s.hiddenSource().detail()).isEqualTo(HiddenSource.RESIDUAL);
                assertThat(s.run(s.fromIds(new long[] {0, 530, 3013, 3339}), true).hidden()).as(f).isPresent();
            }
        }
    }

    @Test
    void perturbationLeavesEarlierPositionsOfACausalModelUntouched() throws Exception {
        try (ModelSession s = ModelSession.open(ModelSource.resolve("demo:tinysink-llama"))) {
            TokenizedPrompt p = s.tokenize("The cat sat on the mat and looked at the old dog.", true);
            Perturbation.Result r = Perturbation.run(s, p, 3, " dog");
            assertThat(r.source()).isEqualTo(HiddenSource.RESIDUAL);
            assertThat(r.relativeChange()).hasNumberOfRows(9);
            // ONNX Runtime's threaded reductions differ between runs by ~1e-10, so "untouched" is < 1e-6
            for (double[] row : r.relativeChange()) {
                for (int j = 0; j < 3; j++) {
                    assertThat(row[j]).isLessThan(1e-6);
                }
                assertThat(row[3]).isPositive();
            }
            // a direct check of one entry against the definition
            HiddenStates a = s.run(p, true).hidden().orElseThrow();
            HiddenStates b = s.run(r.perturbed(), true).hidden().orElseThrow();
            double diff = 0;
            double norm = 0;
            for (int k = 0; k < a.width(); k++) {
                diff += Math.pow(a.get(5, 7, k) - b.get(5, 7, k), 2);
                norm += Math.pow(a.get(5, 7, k), 2);
            }
            assertThat(r.relativeChange()[5][7]).isCloseTo(Math.sqrt(diff / norm), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void collapseMetricsEqualTheirLiteralDefinitions() {
        float[] x = {9, 9, 1, 0, 0, 1, 1, 1, 2, -1}; // T=5 rows of D=2; row 0 excluded
        HiddenStates h = new HiddenStates(5, 2, new float[][] {x});
        HiddenMetrics m = HiddenMetrics.compute(h);
        double cosSum = 0;
        int pairs = 0;
        for (int j = 1; j < 5; j++) {
            for (int k = j + 1; k < 5; k++) {
                double dot = x[2 * j] * x[2 * k] + x[2 * j + 1] * x[2 * k + 1];
                cosSum += dot / (Math.hypot(x[2 * j], x[2 * j + 1]) * Math.hypot(x[2 * k], x[2 * k + 1]));
                pairs++;
            }
        }
        assertThat(m.meanPairwiseCosine()[0]).isCloseTo(cosSum / pairs, org.assertj.core.data.Offset.offset(1e-12));
        // mean of rows 1..4 = (1, 0.25); residual = sqrt(sum |x - mean|^2 / sum |x|^2)
        double num = (0 + 0.0625) + (1 + 0.5625) + (0 + 0.5625) + (1 + 1.5625);
        double den = 1 + 1 + 2 + 5;
        assertThat(m.rankCollapseResidual()[0]).isCloseTo(Math.sqrt(num / den), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(m.tokenNorms()[0][0]).isCloseTo(Math.hypot(9, 9), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(m.massiveActivationCount()[0]).isZero();
    }

    @Test
    void aMassiveActivationIsCounted() {
        float[] x = new float[2000];
        Arrays.fill(x, 0.05f);
        x[17] = 500f; // > 100 and > 1000 x median 0.05
        x[18] = 60f;  // > 1000 x median but not > 100
        HiddenMetrics m = HiddenMetrics.compute(new HiddenStates(20, 100, new float[][] {x}));
        assertThat(m.massiveActivationCount()[0]).isEqualTo(1);
        assertThat(m.maxOverMedian()[0]).isCloseTo(10000, org.assertj.core.data.Offset.offset(1e-3));
    }

    /** A float32 initializer as rows x columns. */
    static float[][] initializer(ModelProto model, String name) {
        for (TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getName().equals(name)) {
                int rows = (int) t.getDims(0);
                int cols = (int) t.getDims(1);
                ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                float[][] m = new float[rows][cols];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        m[r][c] = b.getFloat();
                    }
                }
                return m;
            }
        }
        throw new AssertionError("no initializer " + name);
    }
}
