package org.sinkscope.app.ui.sinks;

import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.BorderWidths;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import org.sinkscope.app.ui.task.FxTurns;
import org.sinkscope.app.ui.task.LazyTooltip;
import org.sinkscope.app.ui.chart.Charts;
import org.sinkscope.app.ui.heatmap.Viridis;
import org.sinkscope.app.ui.run.RunResult;

/**
 * The sinks panel: epsilon, the overall sink rate, and the layer x head matrix of sink scores
 * coloured like the heatmaps, with each layer's sink rate in the last column. Heads above epsilon
 * are framed; clicking a cell opens that head.
 */
public final class SinksView extends VBox {
    /** Widest cell; with many heads cells narrow down to MIN_CELL_W so the rate column stays in view. */
    private static final double CELL_W = 40;
    private static final double MIN_CELL_W = 22;
    /** Room the cells may use: the 440 panel less padding (24), layer header (28), rate column (48), slack. */
    private static final double MATRIX_ROOM = 440 - 24 - 28 - 48 - 16;
    private static final double CELL_H = 24;
    private static final Color SINK_FRAME = Color.web("#e8590c");

    private final SinksViewModel model;
    private final BiConsumer<Integer, Integer> openHead;
    private final GridPane matrix = new GridPane();
    /** Regions with a Text, not Labels: a Label control per head costs the FX thread skins and CSS. */
    private StackPane[][] cells = new StackPane[0][0];
    private Label[] layerRates = new Label[0];
    private final org.jfree.chart.fx.ChartViewer rateChart = Charts.viewer(Charts.bars("", "", "", java.util.List.of(),
            new double[0], Charts.SINK, 1, false));
    private final org.jfree.chart.fx.ChartViewer receivedChart = Charts.viewer(Charts.bars("", "", "",
            java.util.List.of(), new double[0], Charts.BLUE, 1, false));

    /** @param openHead called with (layer, head) when a cell is clicked */
    public SinksView(SinksViewModel model, BiConsumer<Integer, Integer> openHead) {
        this.model = model;
        this.openHead = openHead;
        createView();
        initListeners();
    }

    private void createView() {
        getStyleClass().add("sinks-view");
        setId("sinks-view");
        setSpacing(8);
        setPadding(new Insets(10, 12, 10, 12));

        Label title = new Label("Sinks");
        title.getStyleClass().add("section-title");
        Label definition = new Label("s = mean attention to token 0 over all queries");
        definition.getStyleClass().add("hint");
        definition.setWrapText(true);

        TextField epsilon = new TextField();
        epsilon.setId("epsilon");
        epsilon.setPrefColumnCount(4);
        epsilon.textProperty().bindBidirectional(model.epsilonTextProperty());
        epsilon.setTooltip(new Tooltip("A head is a sink when its score is above \u03b5 (0 to 1)"));
        model.epsilonValidProperty().addListener((obs, old, valid) -> epsilon.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("invalid"), !valid));
        Button gu = new Button("0.3");
        gu.setTooltip(new Tooltip("Gu et al. 2024's threshold"));
        gu.setOnAction(e -> model.useEpsilon(0.3));
        Button barbero = new Button("0.8");
        barbero.setTooltip(new Tooltip("Barbero et al. 2025's threshold"));
        barbero.setOnAction(e -> model.useEpsilon(0.8));
        Label epsLabel = new Label("\u03b5");
        epsLabel.getStyleClass().add("epsilon-label");
        HBox epsilonRow = new HBox(6, epsLabel, epsilon, gu, barbero);
        epsilonRow.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.setId("sink-rate");
        summary.getStyleClass().add("sink-rate");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());

        matrix.setHgap(2);
        matrix.setVgap(2);
        ScrollPane scroll = new ScrollPane(matrix);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setFitToWidth(false);
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);

        rateChart.setId("sink-rate-chart");
        rateChart.setPrefHeight(170);
        rateChart.setMinHeight(140);
        receivedChart.setId("received-chart");
        receivedChart.setPrefHeight(190);
        receivedChart.setMinHeight(150);
        Label receivedHint = new Label();
        receivedHint.setId("received-title");
        receivedHint.getStyleClass().add("hint");
        receivedHint.setWrapText(true);
        receivedHint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        receivedHint.textProperty().bind(model.receivedTitleProperty());
        scroll.setMinHeight(90);

        getChildren().addAll(title, definition, epsilonRow, summary, scroll, rateChart, receivedHint, receivedChart);
    }

    private void initListeners() {
        // each redraw in an FX event of its own, so that a new result never holds the FX thread for long
        model.resultProperty().addListener((obs, old, r) -> FxTurns.later(() -> {
            if (model.getResult() == r) {
                rebuild(r);
            }
        }));
        model.sinkRateByLayerProperty().addListener((obs, old, rates) -> {
            restyle();
            FxTurns.later(() -> redrawRates(model.getSinkRateByLayer()));
        });
        model.receivedProperty().addListener((obs, old, profile) -> FxTurns.later(() -> {
            if (model.receivedProperty().get() == profile) {
                redrawReceived(profile);
            }
        }));
    }

    private void redrawRates(double[] rates) {
        java.util.List<String> layers = new java.util.ArrayList<>();
        for (int l = 0; l < rates.length; l++) {
            layers.add("L" + l);
        }
        rateChart.setChart(Charts.bars("Sink rate per layer (s > " + model.epsilonTextProperty().get().trim() + ")",
                null, "rate", layers, rates, Charts.SINK, 1.0, true));
    }

    private void redrawReceived(double[] profile) {
        RunResult r = model.getResult();
        if (r == null || profile.length == 0) {
            receivedChart.setChart(Charts.bars("", null, "", java.util.List.of(), new double[0], Charts.BLUE, 1, false));
            return;
        }
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (int k = 0; k < profile.length; k++) {
            String t = r.prompt().displayText(k);
            keys.add(k + " " + (t.length() > 10 ? t.substring(0, 9) + "\u2026" : t));
        }
        receivedChart.setChart(Charts.bars(null, null, "received", keys, profile, Charts.BLUE, Double.NaN,
                profile.length <= 20));
    }

    private void rebuild(RunResult r) {
        matrix.getChildren().clear();
        if (r == null) {
            return;
        }
        cells = new StackPane[r.layers()][r.heads()];
        double cellW = Math.max(MIN_CELL_W, Math.min(CELL_W, Math.floor(MATRIX_ROOM / r.heads()) - 2));
        layerRates = new Label[r.layers()];
        for (int h = 0; h < r.heads(); h++) {
            matrix.add(header("H" + h), h + 1, 0);
        }
        matrix.add(header("rate"), r.heads() + 1, 0);
        for (int l = 0; l < r.layers(); l++) {
            Label layer = header("L" + l);
            layer.setMinWidth(28);
            matrix.add(layer, 0, l + 1);
            for (int h = 0; h < r.heads(); h++) {
                double s = model.score(l, h);
                String text = String.format(Locale.ROOT, "%.2f", s);
                // narrow cells drop the leading zero (".83") rather than clip to "0..."
                Text value = new Text(cellW < 34 && text.startsWith("0") ? text.substring(1) : text);
                value.setFont(CELL_FONT);
                value.setFill(Viridis.wantsDarkText(s) ? Color.BLACK : Color.WHITE);
                StackPane c = new StackPane(value);
                c.setId("sink-L" + l + "-H" + h);
                c.getStyleClass().add("sink-cell");
                c.setMinSize(cellW, CELL_H);
                c.setMaxSize(cellW, CELL_H);
                c.setBackground(new Background(new BackgroundFill(rgb(Viridis.argb(s)), null, null)));
                int layerIndex = l;
                int headIndex = h;
                LazyTooltip.install(c, () -> String.format(Locale.ROOT, "Layer %d, head %d: sink score %.4f",
                        layerIndex, headIndex, s));
                c.setOnMouseClicked(e -> openHead.accept(layerIndex, headIndex));
                cells[l][h] = c;
                matrix.add(c, h + 1, l + 1);
            }
            Label rate = new Label();
            rate.getStyleClass().add("layer-rate");
            rate.setMinWidth(48);
            rate.setAlignment(Pos.CENTER_RIGHT);
            layerRates[l] = rate;
            matrix.add(rate, r.heads() + 1, l + 1);
        }
        restyle();
    }

    /** Frames the heads above epsilon and writes each layer's rate; the scores themselves never change. */
    private void restyle() {
        double[] rates = model.getSinkRateByLayer();
        if (model.getResult() == null || rates.length != cells.length) {
            return;
        }
        Border sink = new Border(new BorderStroke(SINK_FRAME, BorderStrokeStyle.SOLID, null, new BorderWidths(2.5)));
        for (int l = 0; l < cells.length; l++) {
            for (int h = 0; h < cells[l].length; h++) {
                cells[l][h].setBorder(model.isSink(l, h) ? sink : null);
            }
            layerRates[l].setText(String.format(Locale.ROOT, "%.0f %%", 100 * rates[l]));
        }
    }

    private static final javafx.scene.text.Font CELL_FONT = javafx.scene.text.Font.font(11);

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("axis-label");
        l.setMinHeight(CELL_H);
        l.setAlignment(Pos.CENTER);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private static Color rgb(int argb) {
        return Color.rgb((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff);
    }
}
