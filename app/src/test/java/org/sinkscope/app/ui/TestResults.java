package org.sinkscope.app.ui;

import java.util.List;
import org.sinkscope.app.ui.run.RunRequest;
import org.sinkscope.app.ui.run.RunResult;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/** Small hand-made results, so view-model tests that do not need a model do not load one. */
public final class TestResults {
    private TestResults() {
    }

    /**
     * Two layers, two heads, three causal tokens ["&lt;s&gt;", "The", " cat"]. Sink scores (all
     * queries): L0H0 = (1 + 0.9 + 0.8) / 3 = 0.9, L0H1 = (1 + 0.5 + 0.2) / 3 = 0.5667,
     * L1H0 = (1 + 0.1 + 0.1) / 3 = 0.4, L1H1 = (1 + 0 + 0) / 3 = 0.3333.
     */
    public static RunResult tiny() {
        float[][] data = {
            concat(new float[] {1, 0, 0, 0.9f, 0.1f, 0, 0.8f, 0.1f, 0.1f},
                    new float[] {1, 0, 0, 0.5f, 0.5f, 0, 0.2f, 0.3f, 0.5f}),
            concat(new float[] {1, 0, 0, 0.1f, 0.9f, 0, 0.1f, 0.2f, 0.7f},
                    new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}),
        };
        AttentionSet set = new AttentionSet(2, 3, data);
        TokenizedPrompt prompt = new TokenizedPrompt(new long[] {1, 10, 11}, new long[3],
                new String[] {"<s>", "The", " cat"}, true);
        return new RunResult(new RunRequest("demo:test", "The cat", true), "demo:test", prompt,
                Analysis.of(set, 0.3, false), "softmax-nodes", List.of(), 1);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = new float[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
