package org.sinkscope.app.ui.mixing;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.fx.ChartViewer;
import org.sinkscope.app.ui.task.FxTurns;
import org.sinkscope.app.ui.chart.Charts;
import org.sinkscope.app.ui.run.RunResult;

/**
 * The mixing tab: on top, per layer, the rollout sink share and mixing entropy (solid) beside
 * their sink-ablated counterfactuals (dashed); below, the last token's composition over the
 * input tokens at the layer the slider picks.
 */
public final class MixingView extends VBox {
    private final MixingViewModel model;
    private final ChartViewer lines = Charts.viewer(Charts.layerLines("", "", List.of()));
    private final ChartViewer bars = Charts.viewer(Charts.bars("", "", "", List.of(), new double[0], Charts.BLUE, 1, false));
    private final Slider layer = new Slider();

    public MixingView(MixingViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        getStyleClass().add("mixing-view");
        setId("mixing-view");
        setSpacing(6);
        setPadding(new Insets(10, 12, 10, 12));

        Label definition = new Label("Attention rollout (METRICS.md \u00a73): R(l) = (\u00bd\u0100(l) + \u00bdI) R(l\u22121)."
                + " Sink share = R(l)[T\u22121][0]; mixing entropy = normalised entropy of the last row over tokens 1..T\u22121."
                + " Dashed: the same with column 0 removed and rows renormalised.");
        definition.getStyleClass().add("hint");
        definition.setWrapText(true);
        definition.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        lines.setId("mixing-lines");
        lines.setPrefHeight(300);
        VBox.setVgrow(lines, Priority.ALWAYS);

        layer.setId("mixing-layer");
        layer.setMin(0);
        layer.setMajorTickUnit(1);
        layer.setMinorTickCount(0);
        layer.setSnapToTicks(true);
        layer.setShowTickMarks(true);
        layer.setShowTickLabels(true);
        layer.setBlockIncrement(1);
        layer.setPrefWidth(260);
        layer.setMinWidth(220);
        layer.valueProperty().addListener((obs, old, v) -> model.layerProperty().set((int) Math.round(v.doubleValue())));
        Label layerLabel = new Label();
        layerLabel.textProperty().bind(model.layerProperty().asString("After layer %d"));
        layerLabel.getStyleClass().add("section-title");
        layerLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label summary = new Label();
        summary.setId("mixing-summary");
        summary.textProperty().bind(model.summaryProperty());
        summary.setWrapText(true);
        HBox.setHgrow(summary, Priority.ALWAYS);
        HBox sliderRow = new HBox(12, layerLabel, layer, summary);
        sliderRow.setAlignment(Pos.CENTER_LEFT);

        bars.setId("mixing-composition");
        bars.setPrefHeight(300);
        VBox.setVgrow(bars, Priority.ALWAYS);

        getChildren().addAll(definition, lines, sliderRow, bars);
    }

    private void initListeners() {
        // in an FX event of its own, so that a new result never holds the FX thread for long
        model.resultProperty().addListener((obs, old, r) -> FxTurns.later(() -> {
            if (model.resultProperty().get() == r) {
                redrawLines(r);
            }
        }));
        model.layerProperty().addListener((obs, old, l) -> layer.setValue(l.intValue()));
        // a bar per token: tens of ms at hundreds of tokens, so also an FX event of its own
        model.compositionProperty().addListener((obs, old, c) -> FxTurns.later(() -> {
            if (model.compositionProperty().get() == c) {
                redrawBars(c);
            }
        }));
    }

    private void redrawLines(RunResult r) {
        if (r == null) {
            return;
        }
        layer.setMax(Math.max(0, r.layers() - 1));
        layer.setValue(model.layerProperty().get());
        lines.setChart(Charts.layerLines("Rollout per layer: last token's share of token 0, and its mixing", "",
                List.of(new Charts.Line("sink share", model.sinkShare(), Charts.BLUE, false),
                        new Charts.Line("sink share, sink ablated", model.ablatedSinkShare(), Charts.BLUE, true),
                        new Charts.Line("mixing entropy", model.mixingEntropy(), Charts.ORANGE, false),
                        new Charts.Line("mixing entropy, sink ablated", model.ablatedMixingEntropy(), Charts.ORANGE,
                                true))));
    }

    private void redrawBars(double[] composition) {
        if (composition.length == 0) {
            return;
        }
        bars.setChart(Charts.bars("Last token's estimated composition over the input tokens", "input token",
                "share", model.tokenLabels(), composition, Charts.BLUE, Double.NaN, model.labelsFit()));
    }
}
