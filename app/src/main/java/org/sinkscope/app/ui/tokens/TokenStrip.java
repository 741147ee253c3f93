package org.sinkscope.app.ui.tokens;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * The prompt's tokens as chips, shaded from white to orange by the attention they receive; wraps and
 * scrolls. Drawn on one canvas: hundreds of Label chips cost the FX thread over 100 ms of CSS and
 * layout after a long run, a canvas a few milliseconds. One tooltip follows the chip under the mouse.
 */
public final class TokenStrip extends VBox {
    private static final Color HOT = Color.web("#e8590c");
    private static final Color BORDER = Color.web("#c4c7cc");
    /** Rows of chips the strip shows before it scrolls. */
    private static final int ROWS_SHOWN = 3;
    private static final double GAP = 4;
    private static final double PAD_X = 5;

    private final TokenStripViewModel model;
    private final Canvas canvas = new Canvas();
    /** The canvas's parent, sized by the scroll pane; its width decides where chips wrap. */
    private final Pane holder = new Pane(canvas);
    private final Tooltip tip = new Tooltip();
    /** Where each chip was drawn, in the order of the model's chips. */
    private final List<Placed> placed = new ArrayList<>();
    private final Text measure = new Text();
    /** The note's font, as the stylesheet sets it (larger in presentation mode): chips use it too. */
    private final Label note = new Label();
    private Font font = Font.font(12);
    private double chipHeight = 18;
    /** Three rows of chips in the current font (taller in presentation mode). */
    private final javafx.beans.property.DoubleProperty rowsHeight = new javafx.beans.property.SimpleDoubleProperty(
            ROWS_SHOWN * (18 + GAP) - GAP + 1);
    /** Each chip's width in the current font, measured once per token list: a resize only reflows. */
    private double[] widths;

    private record Placed(TokenStripViewModel.Chip chip, double x, double y, double width, double height) {
        boolean contains(double px, double py) {
            return px >= x && px <= x + width && py >= y && py <= y + height;
        }
    }

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
        note.setId("token-note");
        note.getStyleClass().add("hint");
        note.textProperty().bind(model.noteProperty());
        canvas.setId("token-chips");
        ScrollPane scroll = new ScrollPane(holder);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.maxHeightProperty().bind(rowsHeight.add(4));
        // as tall as the chips need, up to three rows; more scroll
        scroll.prefViewportHeightProperty().bind(javafx.beans.binding.Bindings.min(rowsHeight, canvas.heightProperty()));
        // never squeezed below that by a tall grid underneath: the grid scrolls instead
        scroll.minViewportHeightProperty().bind(scroll.prefViewportHeightProperty());
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setStyle("-fx-background-color: transparent; -fx-background: #f8f9fa;");
        getChildren().addAll(note, scroll);
        tip.setShowDelay(Duration.millis(200));
        Tooltip.install(canvas, tip);
        // nothing to show before the first run: take no room
        visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.chips()));
        managedProperty().bind(visibleProperty());
    }

    private void initListeners() {
        model.chips().addListener((ListChangeListener<TokenStripViewModel.Chip>) c -> {
            widths = null;
            redraw();
        });
        holder.widthProperty().addListener((obs, old, w) -> {
            if (Math.abs(w.doubleValue() - old.doubleValue()) >= 1) {
                redraw();
            }
        });
        note.fontProperty().addListener((obs, old, f) -> {
            font = f;
            widths = null;
            chipHeight = Math.ceil(f.getSize() * 1.5);
            rowsHeight.set(ROWS_SHOWN * (chipHeight + GAP) - GAP + 1);
            redraw();
        });
        canvas.setOnMouseMoved(e -> {
            TokenStripViewModel.Chip chip = chipAt(e.getX(), e.getY());
            tip.setText(chip == null ? "" : chip.tooltip());
            if (chip == null) {
                tip.hide();
            }
        });
    }

    /** The chip drawn at a point of the canvas, or null. */
    public TokenStripViewModel.Chip chipAt(double x, double y) {
        for (Placed p : placed) {
            if (p.contains(x, y)) {
                return p.chip();
            }
        }
        return null;
    }

    /** How many chips are drawn (the model's chips, all of them). */
    public int drawnChips() {
        return placed.size();
    }

    private void redraw() {
        placed.clear();
        List<TokenStripViewModel.Chip> chips = model.chips();
        if (holder.getWidth() <= 0) {
            return; // not laid out yet: the first width change draws
        }
        if (widths == null || widths.length != chips.size()) {
            measure.setFont(font);
            widths = new double[chips.size()];
            for (int i = 0; i < widths.length; i++) {
                measure.setText(chips.get(i).text());
                widths[i] = Math.ceil(measure.getLayoutBounds().getWidth()) + 2 * PAD_X;
            }
        }
        double width = holder.getWidth();
        double x = 0;
        double y = 0;
        for (int i = 0; i < widths.length; i++) {
            TokenStripViewModel.Chip chip = chips.get(i);
            double w = widths[i];
            if (x > 0 && x + w > width) {
                x = 0;
                y += chipHeight + GAP;
            }
            placed.add(new Placed(chip, x, y, w, chipHeight));
            x += w + GAP;
        }
        canvas.setWidth(width);
        canvas.setHeight(placed.isEmpty() ? 0 : y + chipHeight + 1);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setFont(font);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setLineWidth(1);
        for (Placed p : placed) {
            double s = Math.sqrt(Math.max(0, Math.min(1, p.chip().shade()))); // sqrt: small shares stay visible
            g.setFill(Color.WHITE.interpolate(HOT, s));
            g.fillRoundRect(p.x() + 0.5, p.y() + 0.5, p.width() - 1, chipHeight - 1, 8, 8);
            g.setStroke(BORDER);
            g.strokeRoundRect(p.x() + 0.5, p.y() + 0.5, p.width() - 1, chipHeight - 1, 8, 8);
            g.setFill(s > 0.6 ? Color.WHITE : Color.gray(0.12));
            g.fillText(p.chip().text(), p.x() + PAD_X, p.y() + chipHeight / 2);
        }
    }
}
