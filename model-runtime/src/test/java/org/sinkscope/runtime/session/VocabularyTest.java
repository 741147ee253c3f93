package org.sinkscope.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.onnx.OnnxGraph;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/** The embedding's size read from every shipped model's graph, and the refusal it gives before a run. */
class VocabularyTest {
    @ParameterizedTest(name = "{0}: {1} ids")
    @CsvSource({
        // the tinysink exports flatten the ids and look them up in the transposed table they share
        // with the output head ([width, 8192], axis 1); the int8 one stores it quantized
        "demo:tinysink-llama, 8192", "demo:tinysink-llama-nobos, 8192", "demo:tinysink-gpt2, 8192",
        "demo:tinysink-llama-ctx64, 8192", "demo:minilm, 30522"})
    void theEmbeddingTableOfEveryShippedModelIsFound(String model, long rows) throws Exception {
        assertThat(Vocabulary.embeddingRows(OnnxGraph.read(ModelSource.resolve(model).modelFile()))).isEqualTo(rows);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"demo:tinysink-llama", "demo:tinysink-gpt2"})
    void anIdPastTheTableIsRefusedByNameBeforeTheModelRuns(String model) throws Exception {
        try (ModelSession s = ModelSession.open(ModelSource.resolve(model))) {
            // ids as given, not through the tokenizer (which refuses them first, in its own words)
            TokenizedPrompt past = TokenizedPrompt.ofIds(new long[] {0, 8192}, new String[] {"a", "b"});
            assertThatThrownBy(() -> s.run(past)).isInstanceOf(ModelException.class)
                    .hasMessage("token id 8192 is outside the model's vocabulary (its embedding has 8192 rows):"
                            + " give ids from 0 to 8191");
            assertThatThrownBy(() -> s.checkRunnable(past)).isInstanceOf(ModelException.class)
                    .hasMessageStartingWith("token id 8192 is outside the model's vocabulary");
            TokenizedPrompt last = TokenizedPrompt.ofIds(new long[] {0, 8191}, new String[] {"a", "b"});
            s.checkRunnable(last);
            assertThat(s.run(last).tokens()).isEqualTo(2);
        }
    }
}
