package org.sinkscope.app.ui.experiments;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.jfree.chart.fx.ChartViewer;
import org.sinkscope.app.ui.chart.Charts;
import org.sinkscope.runtime.experiments.ContextSweep;

/** Context sweep: sink rate against prompt length, overall and per layer. */
public final class SweepView extends VBox {
    private final ChartViewer overall = Charts.viewer(ExperimentCharts.lines("Sink rate", "tokens", "", List.of(), 0, 1, false));
    private final ChartViewer byLayer = Charts.viewer(ExperimentCharts.lines("Per layer", "tokens", "", List.of(), 0, 1, true));

    public SweepView(SweepViewModel model) {
        overall.setId("sweep-overall");
        byLayer.setId("sweep-layers");
        ComboBox<SweepViewModel.Source> source = new ComboBox<>();
        source.setId("sweep-source");
        source.getItems().setAll(SweepViewModel.Source.values());
        source.valueProperty().bindBidirectional(model.sourceProperty());
        Spinner<Integer> max = new Spinner<>(16, 4096, model.maxLengthProperty().get(), 64);
        max.setId("sweep-max");
        max.setEditable(true);
        max.setPrefWidth(100);
        max.valueProperty().addListener((obs, old, v) -> model.maxLengthProperty().set(v));
        GridPane g = ExperimentPane.grid(2, 1);
        ExperimentPane.fill(g, overall, 0, 0);
        ExperimentPane.fill(g, byLayer, 1, 0);
        VBox frame = ExperimentPane.frame("exp-sweep", "Prefixes of a long text at 16, 32, 64, \u2026 tokens (BOS counted"
                + " when prepended) up to the model's context, the text or the limit; sink rate = share of heads whose"
                + " sink score is above \u03b5 (METRICS.md section 1).", model.task(), model::run,
                new Node[] {new Label("Text"), source, new Label("up to"), max, new Label("tokens")}, g);
        VBox.setVgrow(frame, Priority.ALWAYS);
        getChildren().add(frame);
        model.task().resultProperty().addListener((obs, old, r) -> show(r));
        show(model.task().getResult());
    }

    private void show(SweepViewModel.Result r) {
        if (r == null) {
            return;
        }
        ContextSweep.Result s = r.sweep();
        double[] x = ExperimentCharts.toDoubles(s.lengths());
        String eps = String.format(java.util.Locale.ROOT, "%.2f", s.epsilon());
        overall.setChart(ExperimentCharts.lines(r.modelName() + ": sink rate (\u03b5=" + eps + ") and mean sink score",
                "prompt length (tokens)", "", List.of(
                        new ExperimentCharts.Series("sink rate", x, s.sinkRate(), ExperimentCharts.PALETTE[0], false, true),
                        new ExperimentCharts.Series("mean sink score", x, s.meanSinkScore(), ExperimentCharts.PALETTE[1],
                                true, false)), 0, 1, true));
        List<ExperimentCharts.Series> lines = new ArrayList<>();
        int layers = s.sinkRateByLayer()[0].length;
        for (int l = 0; l < layers; l++) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = s.sinkRateByLayer()[i][l];
            }
            lines.add(new ExperimentCharts.Series("L" + l, x, y, ExperimentCharts.PALETTE[l % 8], l >= 8, false));
        }
        byLayer.setChart(ExperimentCharts.lines("Sink rate per layer", "prompt length (tokens)", "", lines, 0, 1, true));
    }
}
