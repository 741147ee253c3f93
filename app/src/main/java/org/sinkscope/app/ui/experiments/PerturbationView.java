package org.sinkscope.app.ui.experiments;

import java.util.Arrays;
import java.util.Locale;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.sinkscope.app.ui.heatmap.Colormap;
import org.sinkscope.runtime.experiments.Perturbation;

/** Perturbation: pick a token and its replacement; two layer x position heatmaps of the relative change. */
public final class PerturbationView extends VBox {
    private final MatrixChart with = new MatrixChart();
    private final MatrixChart without = new MatrixChart();

    public PerturbationView(PerturbationViewModel model) {
        with.setId("perturb-with");
        without.setId("perturb-without");
        Spinner<Integer> position = new Spinner<>();
        position.setId("perturb-position");
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 4095,
                model.positionProperty().get());
        position.setValueFactory(f);
        position.setEditable(true);
        position.setPrefWidth(90);
        f.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                model.positionProperty().set(v);
            }
        });
        model.positionProperty().addListener((obs, old, v) -> f.setValue(v.intValue()));
        position.setTooltip(new Tooltip("Which token of the prompt to replace: 0 is the prompt's first token"
                + " (BOS is not counted)"));
        ComboBox<String> replacement = new ComboBox<>(model.suggestions());
        replacement.setId("perturb-replacement");
        replacement.setEditable(true);
        replacement.setPrefWidth(140);
        replacement.setValue(model.replacementProperty().get());
        replacement.valueProperty().addListener((obs, old, v) -> model.replacementProperty().set(v));
        replacement.getEditor().textProperty().addListener((obs, old, v) -> model.replacementProperty().set(v));
        model.replacementProperty().addListener((obs, old, v) -> {
            if (!v.equals(replacement.getEditor().getText())) {
                replacement.setValue(v);
            }
        });
        replacement.setTooltip(new Tooltip("Text that encodes to exactly one token, so the prompt keeps its length;"
                + " a leading space is part of a word's token"));
        GridPane g = ExperimentPane.grid(2, 1);
        ExperimentPane.fill(g, with, 0, 0);
        ExperimentPane.fill(g, without, 1, 0);
        VBox frame = ExperimentPane.frame("exp-perturb", "One token replaced; each cell is D = ||h(x) - h(x')|| / ||h(x)||"
                + " for one hidden state (row 0 = embeddings) and position (METRICS.md section 4). Positions before the"
                + " token cannot change in a causal model. Both heatmaps share one colour scale,"
                + " which ends at the largest change after the token"
                + " (the token's own column saturates).", model.task(),
                model::run, new Node[] {new Label("Token"), position, new Label("replaced by"), replacement}, g);
        VBox.setVgrow(frame, Priority.ALWAYS);
        getChildren().add(frame);
        model.task().resultProperty().addListener((obs, old, r) -> show(r));
        show(model.task().getResult());
    }

    private void show(PerturbationViewModel.Result r) {
        if (r == null) {
            with.message("With BOS", "Pick a token and a replacement, then press Run.");
            without.message("Without BOS", "");
            return;
        }
        // the scale ends at the largest change after the replaced token; the token's own column saturates
        double max = Math.max(1e-9, Math.max(maxAfter(r.withBos()), maxAfter(r.withoutBos())));
        show(with, "With BOS", r.withBos(), max);
        show(without, "Without BOS", r.withoutBos(), max);
    }

    private static void show(MatrixChart chart, String title, Perturbation.Result p, double max) {
        boolean attentionOnly = Perturbation.ATTENTION_ONLY.equals(p.source());
        chart.show(String.format(Locale.ROOT, "%s: token %d %s \u2192 %s", title, p.position(),
                p.original().displayText(p.position()), p.perturbed().displayText(p.position())),
                attentionOnly ? "layer" : "hidden state", "position", p.relativeChange(),
                v -> Colormap.MAGMA.argb(v / max), 0, max);
    }

    /** The largest change at positions after the replaced token (the token itself always changes most). */
    static double maxAfter(Perturbation.Result p) {
        return Arrays.stream(p.relativeChange()).flatMapToDouble(row -> Arrays.stream(row, Math.min(row.length,
                p.position() + 1), row.length)).filter(Double::isFinite).max().orElse(0);
    }
}
