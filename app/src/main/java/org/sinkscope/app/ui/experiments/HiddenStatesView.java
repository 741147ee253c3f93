package org.sinkscope.app.ui.experiments;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javafx.scene.Node;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.jfree.chart.fx.ChartViewer;
import org.sinkscope.app.ui.chart.Charts;
import org.sinkscope.app.ui.heatmap.Colormap;
import org.sinkscope.runtime.hidden.HiddenMetrics;

/** Hidden states: collapse curves per state and the token-norm heatmap (log colour scale). */
public final class HiddenStatesView extends VBox {
    private final ChartViewer collapse = Charts.viewer(ExperimentCharts.lines("Collapse", "hidden state", "", List.of(),
            Double.NaN, Double.NaN, true));
    private final MatrixChart norms = new MatrixChart();

    public HiddenStatesView(HiddenStatesViewModel model) {
        collapse.setId("hidden-collapse");
        norms.setId("hidden-norms");
        GridPane g = ExperimentPane.grid(2, 1);
        ExperimentPane.fill(g, collapse, 0, 0);
        ExperimentPane.fill(g, norms, 1, 0);
        VBox frame = ExperimentPane.frame("exp-hidden", "Residual stream of the prompt in use (state 0 = embeddings)."
                + " Collapse over positions 1.. (token 0 excluded): mean pairwise cosine (1 = all tokens alike) and"
                + " ||X - mean|| / ||X|| (0 = rank collapse). Massive activation: |x| > 100 and > 1000 \u00d7 the state's"
                + " median |x| (METRICS.md section 4).", model.task(), model::run, new Node[0], g);
        VBox.setVgrow(frame, Priority.ALWAYS);
        getChildren().add(frame);
        model.task().resultProperty().addListener((obs, old, r) -> show(r));
        show(model.task().getResult());
    }

    private void show(HiddenStatesViewModel.Result r) {
        if (r == null) {
            norms.message("Token norms", "Press Run to read the hidden states.");
            return;
        }
        HiddenMetrics m = r.metrics();
        double[] x = ExperimentCharts.indices(m.meanPairwiseCosine().length);
        collapse.setChart(ExperimentCharts.lines(r.modelName() + ": representational collapse", "hidden state", "",
                List.of(new ExperimentCharts.Series("mean pairwise cosine", x, m.meanPairwiseCosine(),
                                ExperimentCharts.PALETTE[0], false, false),
                        new ExperimentCharts.Series("rank-collapse residual", x, m.rankCollapseResidual(),
                                ExperimentCharts.PALETTE[1], true, false)), Double.NaN, Double.NaN, true));
        double max = Arrays.stream(m.tokenNorms()).flatMapToDouble(Arrays::stream).max().orElse(1);
        double logMax = Math.log1p(Math.max(1e-9, max));
        norms.show(String.format(Locale.ROOT, "Token norms, log colour \u00b7 %d massive \u00b7 max/median %.0f",
                r.massiveTotal(), Arrays.stream(m.maxOverMedian()).max().orElse(0)), "hidden state", "position",
                m.tokenNorms(), v -> Colormap.VIRIDIS.argb(Math.log1p(Math.max(0, v)) / logMax), 0, max);
    }
}
