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
import org.sinkscope.app.ui.heatmap.HeatmapStyle;
import org.sinkscope.app.ui.run.RunResult;

/**
 * Draws one head: the heatmap (row = query, top to bottom; column = key, left to right), the
 * query tokens down the left, the key tokens along the top, and a colour bar on the right. Fills
 * whatever space it gets, and shows the part of the head the view model's {@link Viewport} says.
 *
 * <p>Drawing cost is bounded by what is on screen: only the visible rectangle of cells is rastered,
 * at most one raster pixel per screen pixel (max-pooled when cells are smaller than a pixel), and
 * only visible tokens get labels; so a 1,024-token head pans and zooms as smoothly as a short one.
 * The pointer's cell is outlined by a separate rectangle, so hovering never redraws the matrix.
 */
final class HeadCanvas extends Pane {
    private static final int MAX_IMAGE = 2048;
    private static final Font LABEL_FONT = Font.font(12);
    private static final Font AXIS_FONT = Font.font(null, javafx.scene.text.FontWeight.BOLD, 12);
    private static final double MAX_LABEL = 130;
    /** Least distance between two token labels on an axis. */
    private static final double LABEL_PITCH = 14;
    private static final double PAD = 12;
    private static final double BAR_GAP = 18;
    private static final double BAR_WIDTH = 16;
    private static final double BAR_LABELS = 50;
    private static final Color SELECTED = Color.web("#ff3b30");

    private final HeadViewModel model;
    private final Canvas canvas = new Canvas();
    private final Rectangle hoverBox = new Rectangle();
    private HeadViewModel.Shown drawn;
    // the raster of the last drawing and what it showed, reused while nothing it depends on changed
    private WritableImage image;
    private String imageKey;
    // labels of the shown head, measured once per head
    private String[] labels;
    private String[] numberedLabels;
    private double widest;
    private double widestNumbered;
    // geometry of the last drawing, for turning pointer positions into cells
    private double left;
    private double top;
    private double side;
    private double cellPx;
    private Viewport view = Viewport.fit(1);

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
            if (shown == null || old == null || shown.result() != old.result()) {
                labels = null;
            }
            drawn = shown;
            hoverBox.setVisible(false);
            draw();
        });
        model.styleProperty().addListener((obs, old, s) -> draw());
        model.viewportProperty().addListener((obs, old, v) -> {
            hoverBox.setVisible(false);
            draw();
        });
        model.selectionProperty().addListener((obs, old, s) -> draw());
        setOnMouseMoved(e -> hover(e.getX(), e.getY()));
        setOnMouseExited(e -> {
            hoverBox.setVisible(false);
            model.clearHover();
        });
    }

    /** The query row under y, or -1 outside the matrix. */
    int rowAt(double y) {
        if (drawn == null || cellPx <= 0 || y < top || y >= top + side) {
            return -1;
        }
        int i = (int) Math.floor(view.row() + (y - top) / cellPx);
        return i < view.tokens() ? i : -1;
    }

    /** The key column under x, or -1 outside the matrix. */
    int colAt(double x) {
        if (drawn == null || cellPx <= 0 || x < left || x >= left + side) {
            return -1;
        }
        int j = (int) Math.floor(view.col() + (x - left) / cellPx);
        return j < view.tokens() ? j : -1;
    }

    /** The fractional cell coordinates under a point, for zooming about the pointer. */
    double rowPoint(double y) {
        return view.row() + (y - top) / Math.max(cellPx, 1e-9);
    }

    double colPoint(double x) {
        return view.col() + (x - left) / Math.max(cellPx, 1e-9);
    }

    double cellPixels() {
        return cellPx;
    }

    /** Whether the point is over the query labels (left of the matrix, beside its rows). */
    boolean inQueryLabels(double x, double y) {
        return x < left && y >= top && y < top + side;
    }

    /** Whether the point is over the key labels (above the matrix, over its columns). */
    boolean inKeyLabels(double x, double y) {
        return y < top && x >= left && x < left + side;
    }

    private void hover(double x, double y) {
        int i = rowAt(y);
        int j = colAt(x);
        if (i < 0 || j < 0) {
            hoverBox.setVisible(false);
            model.clearHover();
            return;
        }
        double x0 = Math.max(left, left + (j - view.col()) * cellPx);
        double y0 = Math.max(top, top + (i - view.row()) * cellPx);
        double x1 = Math.min(left + side, left + (j + 1 - view.col()) * cellPx);
        double y1 = Math.min(top + side, top + (i + 1 - view.row()) * cellPx);
        hoverBox.setX(x0);
        hoverBox.setY(y0);
        hoverBox.setWidth(Math.max(x1 - x0, 2));
        hoverBox.setHeight(Math.max(y1 - y0, 2));
        hoverBox.setVisible(true);
        model.hover(i, j);
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

    private void measureLabels(RunResult r) {
        int t = r.tokens();
        labels = new String[t];
        numberedLabels = new String[t];
        widest = 0;
        widestNumbered = 0;
        for (int i = 0; i < t; i++) {
            labels[i] = shorten(r.prompt().displayText(i));
            numberedLabels[i] = i + " " + labels[i];
        }
        // measuring 1,024 Text nodes each time would dominate panning: measure once per result, on a sample
        int step = Math.max(1, t / 256);
        for (int i = 0; i < t; i += step) {
            widest = Math.max(widest, textWidth(labels[i]));
            widestNumbered = Math.max(widestNumbered, textWidth(numberedLabels[i]));
        }
        widestNumbered = Math.max(widestNumbered, textWidth(numberedLabels[t - 1]));
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (drawn == null || w < 50 || h < 50) {
            cellPx = 0;
            return;
        }
        RunResult r = drawn.result();
        int tokens = r.tokens();
        view = model.getViewport().tokens() == tokens ? model.getViewport() : Viewport.fit(tokens);
        if (labels == null) {
            measureLabels(r);
        }
        HeatmapStyle style = model.getStyle();

        // labels carry their position when not every visible token gets one
        double roughSide = Math.min(w, h) - 2 * PAD - MAX_LABEL - BAR_GAP - BAR_WIDTH - BAR_LABELS;
        boolean numbered = roughSide / view.span() < LABEL_PITCH;
        String[] text = numbered ? numberedLabels : labels;
        double margin = Math.min(MAX_LABEL, numbered ? widestNumbered : widest) + 8 + 18; // 18 for the axis title
        left = PAD + margin;
        top = PAD + margin;
        double avail = Math.min(w - left - PAD - BAR_GAP - BAR_WIDTH - BAR_LABELS, h - top - PAD);
        double fitCell = Math.max(avail / tokens, 0.05);
        if (fitCell >= 2) {
            fitCell = Math.floor(fitCell); // whole pixels at fit: every cell the same size, no seams
        }
        side = fitCell * tokens;
        cellPx = fitCell * view.zoom();

        drawMatrix(g, r, style);
        drawSelection(g);
        g.setStroke(Color.gray(0.55));
        g.setLineWidth(1);
        g.strokeRect(left - 0.5, top - 0.5, side + 1, side + 1);
        drawTokenLabels(g, text);
        drawColourBar(g, style, left + side + BAR_GAP, top, Math.max(side, 120));
    }

    private void drawMatrix(GraphicsContext g, RunResult r, HeatmapStyle style) {
        int i0 = view.firstRow();
        int i1 = view.endRow();
        int j0 = view.firstCol();
        int j1 = view.endCol();
        // one raster pixel per screen pixel at most; whole-pixel blocks per cell when cells are large
        int rows = i1 - i0;
        int cols = j1 - j0;
        int pw = cellPx >= 1 ? Math.min(MAX_IMAGE, cols * (int) Math.ceil(cellPx)) : Math.max(1, (int) Math.ceil(cols * cellPx));
        int ph = cellPx >= 1 ? Math.min(MAX_IMAGE, rows * (int) Math.ceil(cellPx)) : Math.max(1, (int) Math.ceil(rows * cellPx));
        if (cellPx >= 1) {
            pw = Math.max(cols, pw - pw % cols);
            ph = Math.max(rows, ph - ph % rows);
        }
        String key = drawn.layer() + "/" + drawn.head() + "/" + System.identityHashCode(r) + "/" + style + "/"
                + i0 + "," + i1 + "," + j0 + "," + j1 + "/" + pw + "x" + ph;
        if (image == null || !key.equals(imageKey)) {
            image = FxImages.toImage(HeatmapRaster.region(r.attention().head(drawn.layer(), drawn.head()),
                    r.attention().causal(), i0, i1, j0, j1, pw, ph, style));
            imageKey = key;
        }
        g.save();
        g.beginPath();
        g.rect(left, top, side, side);
        g.clip();
        g.setImageSmoothing(false);
        g.drawImage(image, left + (j0 - view.col()) * cellPx, top + (i0 - view.row()) * cellPx, cols * cellPx,
                rows * cellPx);
        g.restore();
    }

    private void drawSelection(GraphicsContext g) {
        HeadViewModel.Selection s = model.getSelection();
        if (s == null) {
            return;
        }
        g.save();
        g.beginPath();
        g.rect(left - 1, top - 1, side + 2, side + 2);
        g.clip();
        g.setStroke(SELECTED);
        g.setLineWidth(2);
        double thick = Math.max(cellPx, 2);
        if (s.query()) {
            double y = top + (s.index() - view.row()) * cellPx;
            g.strokeRect(left, y - (thick - cellPx) / 2, side, thick);
        } else {
            double x = left + (s.index() - view.col()) * cellPx;
            g.strokeRect(x - (thick - cellPx) / 2, top, thick, side);
        }
        g.restore();
    }

    private void drawTokenLabels(GraphicsContext g, String[] text) {
        // a label every `step` tokens so that labels never overlap; every one when cells are tall enough
        int step = Math.max(1, (int) Math.ceil(LABEL_PITCH / cellPx));
        HeadViewModel.Selection sel = model.getSelection();
        g.setFont(LABEL_FONT);
        g.setTextBaseline(VPos.CENTER);
        int firstRow = view.firstRow() - view.firstRow() % step;
        for (int i = firstRow; i < view.endRow(); i += step) {
            double y = top + (i + 0.5 - view.row()) * cellPx;
            if (y < top || y > top + side) {
                continue;
            }
            g.setFill(sel != null && sel.query() && sel.index() == i ? SELECTED : Color.gray(0.15));
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(text[i], left - 6, y, MAX_LABEL);
        }
        int firstCol = view.firstCol() - view.firstCol() % step;
        for (int j = firstCol; j < view.endCol(); j += step) {
            double x = left + (j + 0.5 - view.col()) * cellPx;
            if (x < left || x > left + side) {
                continue;
            }
            g.setFill(sel != null && !sel.query() && sel.index() == j ? SELECTED : Color.gray(0.15));
            g.save();
            g.translate(x, top - 6);
            g.rotate(-90);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(text[j], 0, 0, MAX_LABEL);
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

    private void drawColourBar(GraphicsContext g, HeatmapStyle style, double x, double y, double height) {
        g.setImageSmoothing(true);
        g.drawImage(FxImages.toImage(HeatmapRaster.colourBar(256, style.colormap())), x, y, BAR_WIDTH, height);
        g.setStroke(Color.gray(0.55));
        g.setLineWidth(1);
        g.strokeRect(x - 0.5, y - 0.5, BAR_WIDTH + 1, height + 1);
        g.setFont(LABEL_FONT);
        g.setFill(Color.gray(0.15));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        int ticks = style.logScale() ? 3 : 4;
        for (int k = 0; k <= ticks; k++) {
            double p = k / (double) ticks;
            double ty = y + (1 - p) * height;
            g.strokeLine(x + BAR_WIDTH, ty, x + BAR_WIDTH + 4, ty);
            double v = style.value(p);
            String label = style.logScale() ? (v >= 1 ? "1" : v >= 0.1 ? "0.1" : v >= 0.01 ? "0.01" : "\u2264 0.001")
                    : String.format(Locale.ROOT, "%.2f", v);
            g.fillText(label, x + BAR_WIDTH + 7, ty);
        }
        g.setFont(AXIS_FONT);
        g.setFill(Color.gray(0.35));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(style.logScale() ? "log" : "linear", x - 2, y + height + 6);
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
