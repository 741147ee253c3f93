package org.sinkscope.app.ui.experiments;

import java.util.List;
import java.util.Locale;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.sinkscope.app.ui.task.BackgroundExecutor;
import org.sinkscope.runtime.experiments.Perturbation;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * Perturbation propagation (METRICS.md section 4): one token of the prompt replaced by a single
 * token, the relative change per hidden state and position, with BOS and without BOS side by side.
 * The position counts the prompt's own tokens (0 = its first token), so it names the same token
 * in both runs: position p + 1 with BOS, p without.
 */
public final class PerturbationViewModel {
    /** Single-token words of the demo tokenizer (a leading space is part of the token). */
    public static final List<String> SUGGESTIONS = List.of(" dog", " cat", " house", " king", " water", " red",
            " the", " man");

    /** Both runs and the model they came from. */
    public record Result(String modelName, Perturbation.Result withBos, Perturbation.Result withoutBos) {
    }

    private final ExperimentInputs inputs;
    private final ExperimentRunner runner;
    private final ExperimentTask<Result> task;
    private final IntegerProperty position = new SimpleIntegerProperty(2);
    private final StringProperty replacement = new SimpleStringProperty(" dog");
    private final ObservableList<String> suggestions = FXCollections.observableArrayList(SUGGESTIONS);

    PerturbationViewModel(ExperimentInputs inputs, ExperimentRunner runner, BackgroundExecutor executor) {
        this.inputs = inputs;
        this.runner = runner;
        this.task = new ExperimentTask<>(executor);
    }

    public void run() {
        String spec = inputs.modelSpec();
        String text = inputs.prompt();
        int p = position.get();
        String rep = replacement.get();
        task.launch("Perturbing token " + p + " of the prompt on " + spec, c -> runner.with(spec, (s, name) -> {
            TokenizedPrompt with = s.tokenize(text, true);
            TokenizedPrompt without = s.tokenize(text, false);
            int offset = with.length() - without.length();
            return new Result(name, Perturbation.run(s, with, p + offset, rep, c), Perturbation.run(s, without, p, rep, c));
        }), r -> String.format(Locale.ROOT, "%s \u00b7 %s \u2192 %s at token %d \u00b7 from %s \u00b7 final-layer mean change"
                + " after the token: %.3f with BOS, %.3f without", r.modelName(),
                quoted(r.withoutBos().original().texts()[r.withoutBos().position()]),
                quoted(r.withoutBos().perturbed().texts()[r.withoutBos().position()]), r.withoutBos().position(),
                r.withBos().source(), meanAfter(r.withBos()), meanAfter(r.withoutBos())));
    }

    /** Mean relative change in the last row over the positions after the replaced token (NaN when none). */
    public static double meanAfter(Perturbation.Result r) {
        double[] last = r.relativeChange()[r.relativeChange().length - 1];
        double sum = 0;
        int n = 0;
        for (int j = r.position() + 1; j < last.length; j++) {
            sum += last[j];
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static String quoted(String s) {
        return "'" + TokenizedPrompt.display(s) + "'";
    }

    public IntegerProperty positionProperty() {
        return position;
    }

    public StringProperty replacementProperty() {
        return replacement;
    }

    public ObservableList<String> suggestions() {
        return suggestions;
    }

    public ExperimentTask<Result> task() {
        return task;
    }
}
