package org.sinkscope.app.ui.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sinkscope.app.ui.TestResults;
import org.sinkscope.app.ui.run.RunResult;

class TokenStripViewModelTest {

    @Test
    void eachChipCarriesItsTextIdPositionAndMeanReceivedAttention() {
        RunResult r = TestResults.tiny();
        TokenStripViewModel vm = new TokenStripViewModel();

        vm.show(r);

        assertThat(vm.chips()).hasSize(3);
        TokenStripViewModel.Chip first = vm.chips().get(0);
        assertThat(first.text()).isEqualTo("<s>");
        assertThat(first.id()).isEqualTo(1);
        double[][][] received = r.analysis().sinks().receivedAttention();
        double mean = (received[0][0][0] + received[0][1][0] + received[1][0][0] + received[1][1][0]) / 4;
        assertThat(first.received()).isCloseTo(mean, within(1e-12));
        double max = vm.chips().stream().mapToDouble(TokenStripViewModel.Chip::received).max().orElseThrow();
        assertThat(first.shade()).isCloseTo(mean / max, within(1e-12));
        assertThat(vm.chips()).anyMatch(c -> c.shade() == 1.0);
        assertThat(first.tooltip()).contains("position 0", "id 1");
        assertThat(vm.getNote()).startsWith("3 tokens \u00b7");
    }

    @Test
    void longPromptsGetChipsForTheFirst512TokensAndTheNoteSaysSo() {
        int t = 600;
        float[] d = new float[t * t];
        for (int i = 0; i < t; i++) {
            d[i * t] = 1;
        }
        var set = new org.sinkscope.runtime.attention.AttentionSet(1, t, new float[][] {d});
        long[] ids = new long[t];
        String[] texts = new String[t];
        java.util.Arrays.fill(texts, "x");
        RunResult r = new RunResult(new org.sinkscope.app.ui.run.RunRequest("demo:test", "x", false), "demo:test",
                new org.sinkscope.runtime.tokenize.TokenizedPrompt(ids, new long[t], texts, false),
                org.sinkscope.runtime.metrics.Analysis.of(set, 0.3, false), "softmax-nodes", java.util.List.of(), 1);
        TokenStripViewModel vm = new TokenStripViewModel();

        vm.show(r);

        assertThat(vm.chips()).hasSize(TokenStripViewModel.MAX_CHIPS);
        assertThat(vm.getNote()).startsWith("600 tokens, the first 512 shown");
    }
}
