package org.sinkscope.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.source.ModelSource;

class MemoryBudgetTest {
    @Test
    void longestPromptThatFitsInvertsTheAttentionSize() {
        long bytes = MemoryBudget.attentionBytes(8, 8, 4096);
        assertThat(bytes).isEqualTo(4L * 8 * 8 * 4096 * 4096);
        assertThat(MemoryBudget.longestThatFits(8, 8, bytes)).isEqualTo(4096);
        assertThat(MemoryBudget.longestThatFits(8, 8, bytes - 1)).isEqualTo(4095);
    }

    @Test
    void aPromptThatCannotFitIsRefusedBeforeItRunsWithTheEstimateAndWhatFits() throws Exception {
        long[] ids = new long[120_000];
        Arrays.fill(ids, 265);
        ids[0] = 0;
        try (ModelSession s = ModelSession.open(ModelSource.resolve("demo:tinysink-llama"))) {
            assertThatThrownBy(() -> s.run(s.fromIds(ids)))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("120000 tokens need about")
                    .hasMessageContaining("GiB")
                    .hasMessageContaining("use at most");
            // the same refusal without a run, for callers that must know first (the benchmark's bare run)
            assertThatThrownBy(() -> s.checkRunnable(s.fromIds(ids)))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("120000 tokens need about")
                    .hasMessageContaining("use at most");
            assertThatThrownBy(() -> s.checkRunnable(org.sinkscope.runtime.tokenize.TokenizedPrompt.ofIds(new long[] {0, 99_999},
                    new String[] {"a", "b"})))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("token id 99999 is outside the model's vocabulary");
            s.checkRunnable(s.fromIds(new long[] {0, 265, 3013}));
            // the session stays usable
            assertThat(s.run(s.fromIds(new long[] {0, 265, 3013})).tokens()).isEqualTo(3);
        }
    }

    @Test
    void runningOutAfterTheCheckNamesTheNeedAndALengthThatFitsNow() {
        ModelException e = MemoryBudget.ranOut(8, 8, 4096);
        assertThat(e.getMessage()).startsWith("ran out of memory holding the attention of 4096 tokens (about 4.0 GiB)")
                .containsPattern("use at most \\d+ tokens$");
        int fits = Integer.parseInt(e.getMessage().replaceAll(".* at most (\\d+) tokens$", "$1"));
        Runtime rt = Runtime.getRuntime();
        long heapFree = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        assertThat(MemoryBudget.attentionBytes(8, 8, fits)).isLessThanOrEqualTo(heapFree);
    }
}
