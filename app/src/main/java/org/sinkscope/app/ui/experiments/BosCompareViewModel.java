package org.sinkscope.app.ui.experiments;

import java.util.Locale;

import org.sinkscope.app.ui.task.BackgroundExecutor;
import org.sinkscope.runtime.experiments.BosComparison;

/** BOS on and off: the prompt in use run twice, sink matrices, their difference and the per-layer curves. */
public final class BosCompareViewModel {
    /** One comparison and the model it came from. */
    public record Result(String modelName, BosComparison comparison) {
    }

    private final ExperimentInputs inputs;
    private final ExperimentRunner runner;
    private final ExperimentTask<Result> task;

    BosCompareViewModel(ExperimentInputs inputs, ExperimentRunner runner, BackgroundExecutor executor) {
        this.inputs = inputs;
        this.runner = runner;
        this.task = new ExperimentTask<>(executor);
        // a new epsilon re-judges the stored runs; nothing is recomputed
        inputs.epsilonProperty().addListener((obs, old, eps) -> {
            Result r = task.getResult();
            if (r != null && eps.doubleValue() >= 0 && eps.doubleValue() <= 1) {
                task.replace(new Result(r.modelName(), r.comparison().withEpsilon(eps.doubleValue())));
            }
        });
    }

    public void run() {
        String spec = inputs.modelSpec();
        String text = inputs.prompt();
        double eps = inputs.epsilon();
        task.launch("Running " + spec + " with and without BOS",
                c -> runner.with(spec, (s, name) -> new Result(name, BosComparison.run(s, text, eps, c))),
                r -> String.format(Locale.ROOT, "%s \u00b7 sink rate at \u03b5=%.2f: %.3f with BOS (%d tokens), %.3f without (%d tokens)",
                        r.modelName(), r.comparison().withBos().epsilon(), r.comparison().withBos().sinkRate(),
                        r.comparison().withBosPrompt().length(), r.comparison().withoutBos().sinkRate(),
                        r.comparison().withoutBosPrompt().length()));
    }

    public ExperimentTask<Result> task() {
        return task;
    }
}
