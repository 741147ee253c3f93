package org.sinkscope.app.ui.experiments;

import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.jfree.chart.fx.ChartViewer;
import org.sinkscope.app.ui.chart.Charts;
import org.sinkscope.app.ui.heatmap.Colormap;

/** Two models on one prompt: their sink matrices side by side and their per-layer curves together. */
public final class ModelCompareView extends VBox {
    private final MatrixChart first = new MatrixChart();
    private final MatrixChart second = new MatrixChart();
    private final ChartViewer curves = Charts.viewer(Charts.layerLines("Per layer", "", List.of()));

    public ModelCompareView(ModelCompareViewModel model, List<String> modelSpecs) {
        first.setId("compare-first");
        second.setId("compare-second");
        ComboBox<String> other = new ComboBox<>();
        other.setId("compare-model");
        other.getItems().setAll(modelSpecs);
        other.setEditable(true);
        other.setPrefWidth(230);
        other.valueProperty().bindBidirectional(model.secondModelProperty());
        GridPane g = ExperimentPane.grid(3, 1);
        ExperimentPane.fill(g, first, 0, 0);
        ExperimentPane.fill(g, second, 1, 0);
        ExperimentPane.fill(g, curves, 2, 0);
        VBox frame = ExperimentPane.frame("exp-compare", "The model in use and a second one on the same prompt (BOS as set"
                + " above). Curves: solid = the model in use, dashed = the second model.", model.task(), model::run,
                new Node[] {new Label("Compare with"), other}, g);
        VBox.setVgrow(frame, Priority.ALWAYS);
        getChildren().add(frame);
        model.task().resultProperty().addListener((obs, old, r) -> show(r));
        show(model.task().getResult());
    }

    private void show(ModelCompareViewModel.Result r) {
        if (r == null) {
            first.message("Model in use", "Pick a second model and press Run.");
            second.message("Second model", "");
            return;
        }
        side(first, r.first());
        side(second, r.second());
        String eps = String.format(java.util.Locale.ROOT, "%.2f", r.first().analysis().epsilon());
        curves.setChart(Charts.layerLines("Sink rate (\u03b5=" + eps + ") and rollout sink share", "", List.of(
                new Charts.Line("rate, " + r.first().modelName(), r.first().analysis().sinkRateByLayer(), Charts.BLUE, false),
                new Charts.Line("rate, " + r.second().modelName(), r.second().analysis().sinkRateByLayer(), Charts.BLUE, true),
                new Charts.Line("share, " + r.first().modelName(), r.first().analysis().mixing().sinkShare(), Charts.ORANGE,
                        false),
                new Charts.Line("share, " + r.second().modelName(), r.second().analysis().mixing().sinkShare(),
                        Charts.ORANGE, true))));
    }

    private static void side(MatrixChart chart, ModelCompareViewModel.Side s) {
        chart.show(String.format(java.util.Locale.ROOT, "%s (rate %.2f)", s.modelName().replace("demo:", ""),
                s.analysis().sinkRate()),
                "layer", "head", s.analysis().sinks().sinkScore(), Colormap.VIRIDIS::argb, 0, 1);
    }
}
