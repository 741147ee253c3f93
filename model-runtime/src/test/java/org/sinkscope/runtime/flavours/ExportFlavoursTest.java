package org.sinkscope.runtime.flavours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sinkscope.runtime.testing.Fixtures.attentionOf;
import static org.sinkscope.runtime.testing.Fixtures.maxAbsDifference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.inspect.AttentionSourceKind;
import org.sinkscope.runtime.onnx.proto.Onnx.ModelProto;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.testing.Fixtures;
import org.sinkscope.runtime.testing.GraphEdits;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * Export flavours beyond the plain demo files: the shared KV-cache and int8 exports, and
 * flavours made in code from the real GPT-2-style model (declared attention outputs, external
 * data, int32 ids). Each must give the same attention as the plain export.
 */
class ExportFlavoursTest {
    private static final double TOLERANCE = 1e-4;
    private static final String PROMPT = "Der schnelle braune Fuchs springt über den faulen Hund, и кошка спит.";

    private static ModelSession gpt2;
    private static TokenizedPrompt gpt2Prompt;
    private static AttentionSet gpt2Attention;
    private static ModelProto gpt2Model;

    @BeforeAll
    static void runPlainGpt2() throws Exception {
        ModelSource source = ModelSource.resolve("demo:tinysink-gpt2");
        gpt2 = ModelSession.open(source);
        gpt2Prompt = gpt2.tokenize(PROMPT, true);
        gpt2Attention = gpt2.run(gpt2Prompt);
        gpt2Model = GraphEdits.read(source.modelFile());
    }

    @AfterAll
    static void close() {
        gpt2.close();
    }

    private static AttentionSet runFile(Path model, long[] ids) throws ModelException {
        try (ModelSession s = ModelSession.open(ModelSource.fromFile(model, model.toString()))) {
            return s.run(s.fromIds(ids));
        }
    }

    private static long[] referenceIds(String prompt) {
        return Arrays.stream(Fixtures.llamaReference().get(prompt + "_token_ids").values()).mapToLong(v -> (long) v).toArray();
    }

    @Test
    void kvCacheExportIsFedEmptyPastAndMatchesPyTorch() throws Exception {
        Path kv = Fixtures.path("tinysink-llama/model-kv.onnx");
        try (ModelSession s = ModelSession.open(ModelSource.fromFile(kv, kv.toString()))) {
            assertThat(s.inspection().inputs()).anyMatch(i -> i.name().equals("past_key_values.0.key"));
            assertThat(s.inspection().attention().kind()).isEqualTo(AttentionSourceKind.SOFTMAX_NODES);
            AttentionSet ours = s.run(s.fromIds(referenceIds("p40")));
            AttentionSet theirs = attentionOf(Fixtures.llamaReference().get("p40_attentions"));
            assertThat(maxAbsDifference(ours, theirs)).isLessThan(TOLERANCE);
        }
    }

    @Test
    void int8ExportExposesSoftmaxAttentionCloseToFloat32() throws Exception {
        Path int8 = Fixtures.path("tinysink-llama/model-int8.onnx");
        try (ModelSession s = ModelSession.open(ModelSource.fromFile(int8, int8.toString()))) {
            assertThat(s.inspection().attention().kind()).isEqualTo(AttentionSourceKind.SOFTMAX_NODES);
            assertThat(s.inspection().attention().layers()).isEqualTo(8);
            AttentionSet ours = s.run(s.fromIds(referenceIds("p40")));
            AttentionSet theirs = attentionOf(Fixtures.llamaReference().get("p40_attentions"));
            // dynamic int8 changes attention by up to 0.5 on some entries (models/README.md)
            assertThat(maxAbsDifference(ours, theirs)).isLessThan(0.6);
            assertThat(ours.causal()).isTrue();
        }
    }

    @Test
    void declaredAttentionOutputsAreReadAsTheyAre() throws Exception {
        Path file = GraphEdits.write(GraphEdits.withDeclaredAttentions(gpt2Model), tmp.resolve("declared.onnx"));
        try (ModelSession s = ModelSession.open(ModelSource.fromFile(file, file.toString()))) {
            assertThat(s.inspection().attention().kind()).isEqualTo(AttentionSourceKind.DECLARED_OUTPUTS);
            assertThat(s.inspection().attention().taps()).extracting(t -> t.output())
                    .containsExactly("attentions.0", "attentions.1", "attentions.2", "attentions.3");
            assertThat(maxAbsDifference(s.run(s.fromIds(gpt2Prompt.ids())), gpt2Attention)).isLessThan(1e-6);
        }
    }

    @TempDir
    Path tmp;

    @Test
    void weightsInExternalDataFilesAreRead() throws Exception {
        ModelProto external = GraphEdits.withExternalData(gpt2Model, tmp, "model.onnx.data");
        Path file = GraphEdits.write(external, tmp.resolve("model.onnx"));
        assertThat(Files.size(file)).isLessThan(Files.size(tmp.resolve("model.onnx.data")));
        assertThat(maxAbsDifference(runFile(file, gpt2Prompt.ids()), gpt2Attention)).isLessThan(1e-6);
    }

    @Test
    void externalDataOutsideTheModelFolderIsRefused() throws Exception {
        Path inner = Files.createDirectories(tmp.resolve("model"));
        ModelProto external = GraphEdits.withExternalData(gpt2Model, tmp, "weights.bin");
        Path file = GraphEdits.write(GraphEdits.withExternalLocation(external, "../weights.bin"), inner.resolve("model.onnx"));
        assertThatThrownBy(() -> runFile(file, gpt2Prompt.ids())).isInstanceOf(ModelException.class)
                .hasMessageContaining("outside the model's folder");
    }

    @Test
    void missingExternalDataIsNamed() throws Exception {
        ModelProto external = GraphEdits.withExternalData(gpt2Model, tmp, "weights.bin");
        Path file = GraphEdits.write(external, tmp.resolve("model.onnx"));
        Files.delete(tmp.resolve("weights.bin"));
        assertThatThrownBy(() -> runFile(file, gpt2Prompt.ids())).isInstanceOf(ModelException.class)
                .hasMessageContaining("weights.bin").hasMessageContaining("missing");
    }

    @Test
    void int32TokenIdsAreFedAsInt32() throws Exception {
        Path file = GraphEdits.write(GraphEdits.withInt32Ids(gpt2Model), tmp.resolve("int32.onnx"));
        try (ModelSession s = ModelSession.open(ModelSource.fromFile(file, file.toString()))) {
            assertThat(s.inspection().inputs()).anyMatch(i -> i.name().equals("input_ids") && i.type().equals("int32"));
            assertThat(maxAbsDifference(s.run(s.fromIds(gpt2Prompt.ids())), gpt2Attention)).isLessThan(1e-6);
        }
    }

    @Test
    void fusedAttentionIsRefusedNamingTheNodeAndTheRemedy() throws Exception {
        Path file = GraphEdits.write(GraphEdits.fusedAttentionModel(), tmp.resolve("fused.onnx"));
        assertThatThrownBy(() -> ModelSession.open(ModelSource.fromFile(file, file.toString())))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("'Attention_0'")
                .hasMessageContaining("com.microsoft.Attention")
                .hasMessageContaining("2 such nodes")
                .hasMessageContaining("re-export")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void gpt2DemoIsCausalWithFourLayersOfSixHeads() {
        assertThat(gpt2Attention.layers()).isEqualTo(4);
        assertThat(gpt2Attention.heads()).isEqualTo(6);
        assertThat(gpt2Attention.causal()).isTrue();
        assertThat(gpt2Prompt.texts()[0]).isEqualTo("<|bos|>");
        // byte-level pieces of ü and Cyrillic letters show whole characters, never bytes or U+FFFD
        assertThat(gpt2Prompt.texts()).noneMatch(t -> t.contains("<C") || t.contains("<D") || t.contains("\uFFFD"));
        assertThat(String.join("", gpt2Prompt.texts())).contains("Fuchs", "ü", "к", "с", "т");
    }

    @Test
    void otherDemosRunWithTheirOwnShapes() throws Exception {
        for (String demo : new String[] {"tinysink-llama-nobos", "tinysink-llama-ctx64"}) {
            try (ModelSession s = ModelSession.open(ModelSource.resolve("demo:" + demo))) {
                AttentionSet a = s.run(s.tokenize("The cat sat on the mat.", true));
                assertThat(a.layers()).as(demo).isEqualTo(8);
                assertThat(a.heads()).as(demo).isEqualTo(8);
                assertThat(a.causal()).as(demo).isTrue();
            }
        }
    }

    @Test
    void miniLmEncoderKeepsClsAndSepAndAttendsBothWays() throws Exception {
        try (ModelSession s = ModelSession.open(ModelSource.resolve("demo:minilm"))) {
            TokenizedPrompt p = s.tokenize("The cat sat on the mat.", true);
            assertThat(p.texts()[0]).isEqualTo("[CLS]");
            assertThat(p.texts()[p.length() - 1]).isEqualTo("[SEP]");
            assertThat(p.bosPrepended()).isFalse();
            AttentionSet a = s.run(p);
            assertThat(a.layers()).isEqualTo(6);
            assertThat(a.heads()).isEqualTo(12);
            assertThat(a.causal()).isFalse();
        }
    }

    @Test
    void longPromptsAreNotTruncatedByTheTokenizer() throws Exception {
        String text = "word ".repeat(700);
        TokenizedPrompt p = gpt2.tokenize(text, true);
        assertThat(p.length()).isGreaterThan(700);
        try (ModelSession s = ModelSession.open(ModelSource.resolve("demo:minilm"))) {
            assertThat(s.tokenize("word ".repeat(300), true).length()).isEqualTo(302);
        }
    }
}
