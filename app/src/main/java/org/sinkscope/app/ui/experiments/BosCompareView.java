package org.sinkscope.app.ui.experiments;

import java.util.List;

import javafx.scene.Node;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import org.jfree.chart.fx.ChartViewer;
import org.sinkscope.app.ui.chart.Charts;
import org.sinkscope.app.ui.heatmap.Colormap;
import org.sinkscope.runtime.experiments.BosComparison;

/** BOS on/off: three layer x head matrices (with, without, difference) and the per-layer curves of both runs. */
public final class BosCompareView extends VBox {
    private final BosCompareViewModel model;
    private final MatrixChart with = new MatrixChart();
    private final MatrixChart without = new MatrixChart();
    private final MatrixChart diff = new MatrixChart();
    private final ChartViewer curves = Charts.viewer(Charts.layerLines("Per layer", "", List.of()));

    public BosCompareView(BosCompareViewModel model) {
        this.model = model;
        with.setId("bos-with");
        without.setId("bos-without");
        diff.setId("bos-diff");
        GridPane g = ExperimentPane.grid(2, 2);
        ExperimentPane.fill(g, with, 0, 0);
        ExperimentPane.fill(g, without, 1, 0);
        ExperimentPane.fill(g, diff, 0, 1);
        ExperimentPane.fill(g, curves, 1, 1);
        VBox frame = ExperimentPane.frame("exp-bos", "The prompt run with and without the BOS token. Sink score ="
                + " mean attention to token 0 (BOS in the first run, the first word in the second); difference ="
                + " with minus without (red: the sink needs BOS). Curves: solid with BOS, dashed without.",
                model.task(), model::run, new Node[0], g);
        VBox.setVgrow(frame, javafx.scene.layout.Priority.ALWAYS);
        getChildren().add(frame);
        model.task().resultProperty().addListener((obs, old, r) -> show(r));
        show(model.task().getResult());
    }

    private void show(BosCompareViewModel.Result r) {
        if (r == null) {
            with.message("Sink score with BOS", "Press Run to compare.");
            without.message("Sink score without BOS", "");
            diff.message("Difference", "");
            return;
        }
        BosComparison c = r.comparison();
        with.show("Sink score with BOS (" + c.withBosPrompt().length() + " tokens)", "layer", "head",
                c.withBos().sinks().sinkScore(), Colormap.VIRIDIS::argb, 0, 1);
        without.show("Sink score without BOS (" + c.withoutBosPrompt().length() + " tokens)", "layer", "head",
                c.withoutBos().sinks().sinkScore(), Colormap.VIRIDIS::argb, 0, 1);
        diff.show("With minus without", "layer", "head", c.sinkScoreDifference(), Diverging::argb, -1, 1);
        String eps = String.format(java.util.Locale.ROOT, "%.2f", c.withBos().epsilon());
        curves.setChart(Charts.layerLines("Per layer: sink rate (\u03b5=" + eps + ") and rollout sink share", "",
                List.of(new Charts.Line("sink rate, BOS", c.withBos().sinkRateByLayer(), Charts.BLUE, false),
                        new Charts.Line("sink rate, no BOS", c.withoutBos().sinkRateByLayer(), Charts.BLUE, true),
                        new Charts.Line("sink share, BOS", c.withBos().mixing().sinkShare(), Charts.ORANGE, false),
                        new Charts.Line("sink share, no BOS", c.withoutBos().mixing().sinkShare(), Charts.ORANGE, true))));
    }

    MatrixChart differenceChart() {
        return diff;
    }

    BosCompareViewModel model() {
        return model;
    }
}
