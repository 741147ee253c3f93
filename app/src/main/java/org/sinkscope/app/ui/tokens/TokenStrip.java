package org.sinkscope.app.ui.tokens;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/** The prompt's tokens as chips, shaded from white to orange by the attention they receive; wraps and scrolls. */
public final class TokenStrip extends VBox {
    private static final Color HOT = Color.web("#e8590c");
    private static final double MAX_HEIGHT = 64;

    private final TokenStripViewModel model;
    private final FlowPane flow = new FlowPane(4, 4);

    public TokenStrip(TokenStripViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        setId("token-strip");
        getStyleClass().add("token-strip");
        setSpacing(4);
        setPadding(new Insets(6, 12, 6, 12));
        Label note = new Label();
        note.setId("token-note");
        note.getStyleClass().add("hint");
        note.textProperty().bind(model.noteProperty());
        ScrollPane scroll = new ScrollPane(flow);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMaxHeight(MAX_HEIGHT);
        // as tall as the chips need, up to three rows; more scroll
        scroll.prefViewportHeightProperty().bind(javafx.beans.binding.Bindings.min(MAX_HEIGHT - 4, flow.heightProperty()));
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setStyle("-fx-background-color: transparent; -fx-background: #f8f9fa;");
        getChildren().addAll(note, scroll);
        // nothing to show before the first run: take no room
        visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.chips()));
        managedProperty().bind(visibleProperty());
    }

    private void initListeners() {
        model.chips().addListener((ListChangeListener<TokenStripViewModel.Chip>) c -> rebuild());
    }

    private void rebuild() {
        flow.getChildren().clear();
        for (TokenStripViewModel.Chip chip : model.chips()) {
            Label l = new Label(chip.text());
            l.getStyleClass().add("token-chip");
            l.setId("token-" + chip.position());
            double s = Math.sqrt(Math.max(0, Math.min(1, chip.shade()))); // sqrt: small shares stay visible
            // inline style: the stylesheet's radius would otherwise replace a programmatic background
            Color fill = Color.WHITE.interpolate(HOT, s);
            l.setStyle(String.format(java.util.Locale.ROOT, "-fx-background-color: rgb(%d,%d,%d);",
                    Math.round(fill.getRed() * 255), Math.round(fill.getGreen() * 255), Math.round(fill.getBlue() * 255)));
            l.setTextFill(s > 0.6 ? Color.WHITE : Color.gray(0.12));
            Tooltip tip = new Tooltip(chip.tooltip());
            tip.setShowDelay(Duration.millis(200));
            l.setTooltip(tip);
            flow.getChildren().add(l);
        }
    }
}
