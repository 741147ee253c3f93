package org.sinkscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.testing.Fixtures;

/** {@code sinkscope inspect}: the attention source of every shipped flavour, in text and JSON. */
class InspectCommandTest {
    @Test
    void demoPrefixAloneListsTheDemosWithTheDefaultMarked() {
        CliRun run = CliRun.of("inspect", "demo:");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("demo:tinysink-llama", "demo:tinysink-llama-nobos", "demo:tinysink-llama-ctx64",
                "demo:tinysink-gpt2", "demo:minilm", "[default]");
    }

    @Test
    void textNamesLayersHeadsSourceTokenizerAndBos() {
        CliRun run = CliRun.of("inspect", "demo:tinysink-llama");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("layers x heads: 8 x 8 (causal)", "attention:  softmax-nodes", "input_ids",
                "BOS token:  '<|bos|>' (id 0)");
    }

    @Test
    void everySharedFlavourNamesItsAttentionSource() throws Exception {
        String[][] flavours = {
            {"demo:tinysink-llama", "softmax-nodes", "8", "8", "true"},
            {"demo:tinysink-llama-nobos", "softmax-nodes", "8", "8", "true"},
            {"demo:tinysink-llama-ctx64", "softmax-nodes", "8", "8", "true"},
            {"demo:tinysink-gpt2", "softmax-nodes", "4", "6", "true"},
            {"demo:minilm", "softmax-nodes", "6", "12", "false"},
            {Fixtures.path("tinysink-llama/model-kv.onnx").toString(), "softmax-nodes", "8", "8", "true"},
            {Fixtures.path("tinysink-llama/model-int8.onnx").toString(), "softmax-nodes", "8", "8", "true"},
        };
        for (String[] f : flavours) {
            CliRun run = CliRun.of("inspect", f[0], "--json");
            assertThat(run.status()).as(f[0] + ": " + run.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.path("attentionSource").asText()).as(f[0]).isEqualTo(f[1]);
            assertThat(json.path("layers").asText()).as(f[0]).isEqualTo(f[2]);
            assertThat(json.path("heads").asText()).as(f[0]).isEqualTo(f[3]);
            assertThat(json.path("causal").asText()).as(f[0]).isEqualTo(f[4]);
            assertThat(json.path("attentionNodes")).as(f[0]).hasSize(Integer.parseInt(f[2]));
            assertThat(json.at("/hiddenStates/values")).as(f[0] + " hidden states").hasSize(Integer.parseInt(f[2]) + 1);
        }
    }
}
