package org.sinkscope.app.ui.experiments;

import java.util.Locale;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.sinkscope.app.ui.task.BackgroundExecutor;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.session.RunCancellation;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/** Two models on the same prompt (BOS as set in the window): sink matrices and per-layer curves side by side. */
public final class ModelCompareViewModel {
    /** One model's side. */
    public record Side(String modelName, TokenizedPrompt prompt, Analysis analysis) {
        Side withEpsilon(double eps) {
            return new Side(modelName, prompt, analysis.withEpsilon(eps));
        }
    }

    /** Both sides. */
    public record Result(Side first, Side second) {
    }

    private final ExperimentInputs inputs;
    private final ExperimentRunner runner;
    private final ExperimentTask<Result> task;
    private final StringProperty secondModel = new SimpleStringProperty("demo:tinysink-llama-nobos");

    ModelCompareViewModel(ExperimentInputs inputs, ExperimentRunner runner, BackgroundExecutor executor) {
        this.inputs = inputs;
        this.runner = runner;
        this.task = new ExperimentTask<>(executor);
        inputs.epsilonProperty().addListener((obs, old, eps) -> {
            Result r = task.getResult();
            if (r != null && eps.doubleValue() >= 0 && eps.doubleValue() <= 1) {
                task.replace(new Result(r.first().withEpsilon(eps.doubleValue()), r.second().withEpsilon(eps.doubleValue())));
            }
        });
    }

    public void run() {
        String a = inputs.modelSpec();
        String b = secondModel.get();
        String text = inputs.prompt();
        boolean bos = inputs.withBos();
        double eps = inputs.epsilon();
        task.launch("Running " + a + " and " + b, c -> new Result(side(a, text, bos, eps, c), side(b, text, bos, eps, c)),
                r -> String.format(Locale.ROOT, "sink rate at \u03b5=%.2f: %s %.3f (%d tokens) \u00b7 %s %.3f (%d tokens)",
                        eps, r.first().modelName(), r.first().analysis().sinkRate(), r.first().prompt().length(),
                        r.second().modelName(), r.second().analysis().sinkRate(), r.second().prompt().length()));
    }

    private Side side(String spec, String text, boolean bos, double eps, RunCancellation c)
            throws org.sinkscope.runtime.ModelException {
        return runner.with(spec, (s, name) -> {
            TokenizedPrompt p = s.tokenize(text, bos);
            return new Side(name, p, s.analyze(p, eps, false, c));
        });
    }

    public StringProperty secondModelProperty() {
        return secondModel;
    }

    public ExperimentTask<Result> task() {
        return task;
    }
}
