package org.sinkscope.app.ui.head;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.sinkscope.app.ui.heatmap.FxImages;
import org.sinkscope.app.ui.heatmap.HeatmapRaster;
import org.sinkscope.app.ui.run.RunResult;

/**
 * Draws one head: the heatmap (row = query, top to bottom; column = key, left to right), the
 * query tokens down the left, the key tokens along the top, and a colour bar on the right. Fills
 * whatever space it gets. The pointer's cell is outlined by a separate rectangle, so hovering
 * never redraws the matrix.
 */
final class HeadCanvas extends Pane {
    /** Past this the image is pooled: more pixels than a screen has buy nothing. */
    private static final int MAX_IMAGE = 2048;
    private static final Font LABEL_FONT = Font.font(12);
    private static final Font AXIS_FONT = Font.font(null, javafx.scene.text.FontWeight.BOLD, 12);
    private static final double MAX_LABEL = 130;
    /** Least distance between two token labels on an axis. */
    private static final double LABEL_PITCH = 14;
    private static final double PAD = 12;
    private static final double BAR_GAP = 18;
    private static final double BAR_WIDTH = 16;
    private static final double BAR_LABELS = 44;

    private final HeadViewModel model;
    private final Canvas canvas = new Canvas();
    private final Rectangle hoverBox = new Rectangle();
    private WritableImage image;
    private HeadViewModel.Shown drawn;
    // geometry of the last drawing, for turning pointer positions into cells
    private double left;
    private double top;
    private double cell;
    private int tokens;

    HeadCanvas(HeadViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        getStyleClass().add("head-canvas");
        hoverBox.setManaged(false);
        hoverBox.setFill(Color.TRANSPARENT);
        hoverBox.setStroke(Color.web("#ff3b30"));
        hoverBox.setStrokeWidth(2);
        hoverBox.setMouseTransparent(true);
        hoverBox.setVisible(false);
        getChildren().addAll(canvas, hoverBox);
        setMinSize(200, 200);
    }

    private void initListeners() {
        model.shownProperty().addListener((obs, old, shown) -> {
            image = null;
            drawn = shown;
            hoverBox.setVisible(false);
            draw();
        });
        setOnMouseMoved(e -> {
            int j = (int) Math.floor((e.getX() - left) / cell);
            int i = (int) Math.floor((e.getY() - top) / cell);
            if (drawn == null || cell <= 0 || i < 0 || j < 0 || i >= tokens || j >= tokens) {
                hoverBox.setVisible(false);
                model.clearHover();
                return;
            }
            hoverBox.setX(left + j * cell);
            hoverBox.setY(top + i * cell);
            hoverBox.setWidth(Math.max(cell, 2));
            hoverBox.setHeight(Math.max(cell, 2));
            hoverBox.setVisible(true);
            model.hover(i, j);
        });
        setOnMouseExited(e -> {
            hoverBox.setVisible(false);
            model.clearHover();
        });
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            hoverBox.setVisible(false);
            draw();
        }
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (drawn == null || w < 50 || h < 50) {
            tokens = 0;
            return;
        }
        RunResult r = drawn.result();
        tokens = r.tokens();
        if (image == null) {
            image = FxImages.toImage(HeatmapRaster.of(r.attention().head(drawn.layer(), drawn.head()),
                    r.attention().causal(), Math.min(tokens, MAX_IMAGE)));
        }

        // labels carry their position when not every token gets one; decide that from a first
        // estimate of the cell size, so the margins are measured on the texts actually drawn
        double roughCell = (Math.min(w, h) - 2 * PAD - MAX_LABEL - BAR_GAP - BAR_WIDTH - BAR_LABELS) / tokens;
        boolean numbered = roughCell < LABEL_PITCH;
        String[] labels = new String[tokens];
        double widest = 0;
        for (int i = 0; i < tokens; i++) {
            String text = shorten(r.prompt().displayText(i));
            labels[i] = numbered ? i + " " + text : text;
            widest = Math.max(widest, textWidth(labels[i]));
        }
        double margin = Math.min(MAX_LABEL, widest) + 8 + 18; // 18 for the axis title
        left = PAD + margin;
        top = PAD + margin;
        double avail = Math.min(w - left - PAD - BAR_GAP - BAR_WIDTH - BAR_LABELS, h - top - PAD);
        cell = Math.max(avail / tokens, 0.05);
        if (cell >= 2) {
            cell = Math.floor(cell); // whole pixels: every cell the same size, no seams
        }
        double side = cell * tokens;

        g.setImageSmoothing(false);
        g.drawImage(image, left, top, side, side);
        g.setStroke(Color.gray(0.55));
        g.setLineWidth(1);
        g.strokeRect(left - 0.5, top - 0.5, side + 1, side + 1);

        drawTokenLabels(g, labels, side);
        drawColourBar(g, left + side + BAR_GAP, top, Math.max(side, 120));
    }

    private void drawTokenLabels(GraphicsContext g, String[] labels, double side) {
        // a label every `step` tokens so that labels never overlap; every one when cells are tall enough
        int step = Math.max(1, (int) Math.ceil(LABEL_PITCH / cell));
        g.setFont(LABEL_FONT);
        g.setFill(Color.gray(0.15));
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < tokens; i += step) {
            String text = labels[i];
            double y = top + (i + 0.5) * cell;
            // query labels, right-aligned against the matrix
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(text, left - 6, y, MAX_LABEL);
            // key labels, written upwards above the matrix
            g.save();
            g.translate(left + (i + 0.5) * cell, top - 6);
            g.rotate(-90);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(text, 0, 0, MAX_LABEL);
            g.restore();
        }
        g.setFont(AXIS_FONT);
        g.setFill(Color.gray(0.35));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.fillText("key \u2192", left + side / 2, PAD - 4);
        g.save();
        g.translate(PAD - 4, top + side / 2);
        g.rotate(-90);
        g.fillText("\u2190 query", 0, 0);
        g.restore();
    }

    private void drawColourBar(GraphicsContext g, double x, double y, double height) {
        g.setImageSmoothing(true);
        g.drawImage(FxImages.toImage(HeatmapRaster.colourBar(256)), x, y, BAR_WIDTH, height);
        g.setStroke(Color.gray(0.55));
        g.strokeRect(x - 0.5, y - 0.5, BAR_WIDTH + 1, height + 1);
        g.setFont(LABEL_FONT);
        g.setFill(Color.gray(0.15));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int k = 0; k <= 4; k++) {
            double v = k / 4.0;
            double ty = y + (1 - v) * height;
            g.strokeLine(x + BAR_WIDTH, ty, x + BAR_WIDTH + 4, ty);
            g.fillText(String.format(Locale.ROOT, "%.2f", v), x + BAR_WIDTH + 7, ty);
        }
    }

    private static String shorten(String s) {
        return s.length() <= 16 ? s : s.substring(0, 15) + "\u2026";
    }

    private static double textWidth(String s) {
        Text t = new Text(s);
        t.setFont(LABEL_FONT);
        return t.getLayoutBounds().getWidth();
    }
}
