package org.sinkscope.app.ui.experiments;

import java.util.Arrays;
import java.util.Locale;

import org.sinkscope.app.ui.task.BackgroundExecutor;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.hidden.HiddenMetrics;
import org.sinkscope.runtime.hidden.HiddenSource;
import org.sinkscope.runtime.hidden.HiddenStates;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * Hidden-state diagnostics (METRICS.md section 4) of the prompt in use: token norms per state and
 * position with massive activations counted, mean pairwise cosine and the rank-collapse residual.
 */
public final class HiddenStatesViewModel {
    /** The metrics, the tokens they belong to and where the hidden states came from. */
    public record Result(String modelName, TokenizedPrompt prompt, HiddenMetrics metrics, HiddenSource source) {
        public int massiveTotal() {
            return Arrays.stream(metrics.massiveActivationCount()).sum();
        }
    }

    private final ExperimentInputs inputs;
    private final ExperimentRunner runner;
    private final ExperimentTask<Result> task;

    HiddenStatesViewModel(ExperimentInputs inputs, ExperimentRunner runner, BackgroundExecutor executor) {
        this.inputs = inputs;
        this.runner = runner;
        this.task = new ExperimentTask<>(executor);
    }

    public void run() {
        String spec = inputs.modelSpec();
        String text = inputs.prompt();
        boolean bos = inputs.withBos();
        task.launch("Reading hidden states of " + spec, c -> runner.with(spec, (s, name) -> {
            HiddenSource source = s.hiddenSource();
            if (!source.available()) {
                throw new ModelException("this model's hidden states cannot be read: " + source.detail());
            }
            TokenizedPrompt p = s.tokenize(text, bos);
            HiddenStates h = s.run(p, true, c).hidden().orElseThrow(() -> new ModelException(
                    "the run returned no hidden states although " + source.kind() + " was found: " + source.detail()));
            return new Result(name, p, HiddenMetrics.compute(h), source);
        }), r -> String.format(Locale.ROOT, "%s \u00b7 %d states (%s) \u00b7 %d tokens \u00b7 %d massive activations \u00b7"
                + " largest max/median %.0f", r.modelName(), r.metrics().tokenNorms().length, r.source().kind(),
                r.prompt().length(), r.massiveTotal(), Arrays.stream(r.metrics().maxOverMedian()).max().orElse(0)));
    }

    public ExperimentTask<Result> task() {
        return task;
    }
}
