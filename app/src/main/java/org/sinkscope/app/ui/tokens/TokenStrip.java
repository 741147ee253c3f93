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

    /** Chips made per FX pulse: hundreds of labels at once would hold the FX thread for a noticeable time. */
    private static final int CHIPS_PER_SLICE = 48;
    /** Bumped on every rebuild so that slices of an older token list stop adding chips. */
    private int generation;

    private void rebuild() {
        flow.getChildren().clear();
        int mine = ++generation;
        addSlice(java.util.List.copyOf(model.chips()), 0, mine);
    }

    private void addSlice(java.util.List<TokenStripViewModel.Chip> chips, int from, int mine) {
        if (mine != generation) {
            return;
        }
        int to = Math.min(chips.size(), from + CHIPS_PER_SLICE);
        java.util.List<Label> made = new java.util.ArrayList<>(to - from);
        for (TokenStripViewModel.Chip chip : chips.subList(from, to)) {
            made.add(chipLabel(chip));
        }
        flow.getChildren().addAll(made);
        if (to < chips.size()) {
            javafx.application.Platform.runLater(() -> addSlice(chips, to, mine));
        }
    }

    private static Label chipLabel(TokenStripViewModel.Chip chip) {
        Label l = new Label(chip.text());
        l.getStyleClass().add("token-chip");
        l.setId("token-" + chip.position());
        double s = Math.sqrt(Math.max(0, Math.min(1, chip.shade()))); // sqrt: small shares stay visible
        // inline style: the stylesheet's radius would otherwise replace a programmatic background
        Color fill = Color.WHITE.interpolate(HOT, s);
        l.setStyle(String.format(java.util.Locale.ROOT, "-fx-background-color: rgb(%d,%d,%d);",
                Math.round(fill.getRed() * 255), Math.round(fill.getGreen() * 255), Math.round(fill.getBlue() * 255)));
        l.setTextFill(s > 0.6 ? Color.WHITE : Color.gray(0.12));
        // the tooltip is made on first hover: most chips are never hovered
        l.setOnMouseEntered(e -> {
            if (l.getTooltip() == null) {
                Tooltip tip = new Tooltip(chip.tooltip());
                tip.setShowDelay(Duration.millis(200));
                l.setTooltip(tip);
            }
        });
        return l;
    }
}
