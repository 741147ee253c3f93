package org.sinkscope.app.ui.experiments;

import java.util.Locale;
import java.util.function.DoubleToIntFunction;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A matrix drawn as coloured cells on a canvas: a title, row and column axes with index ticks,
 * the values written in the cells when they fit, and a colour bar with its end values. Used for
 * the sink-score matrices (layer x head) and the layer x position heatmaps of the experiments.
 */
public final class MatrixChart extends Region {
    private final Canvas canvas = new Canvas();
    private String title = "";
    private String rowAxis = "";
    private String colAxis = "";
    private double[][] values = new double[0][];
    private DoubleToIntFunction colour = v -> 0xffffffff;
    private double min;
    private double max = 1;
    private String note = "";

    public MatrixChart() {
        getChildren().add(canvas);
        setMinSize(160, 140);
        setPrefSize(360, 300);
        getStyleClass().add("matrix-chart");
    }

    /** Shows {@code v} (rows x columns); {@code colourOf} maps a value to ARGB; min/max label the colour bar. */
    public void show(String chartTitle, String rows, String cols, double[][] v, DoubleToIntFunction colourOf,
            double barMin, double barMax) {
        this.title = chartTitle;
        this.rowAxis = rows;
        this.colAxis = cols;
        this.values = v == null ? new double[0][] : v;
        this.colour = colourOf;
        this.min = barMin;
        this.max = barMax;
        this.note = "";
        draw();
    }

    /** Clears the chart and writes {@code message} in its place. */
    public void message(String chartTitle, String message) {
        this.title = chartTitle;
        this.values = new double[0][];
        this.note = message;
        draw();
    }

    public String title() {
        return title;
    }

    public double[][] values() {
        return values;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (w < 10 || h < 10) {
            return;
        }
        double fontSize = Math.max(11, Math.min(15, Font.getDefault().getSize()));
        Font font = Font.font(fontSize);
        Font bold = Font.font(null, javafx.scene.text.FontWeight.BOLD, fontSize + 1);
        Color ink = Color.web("#3c4043");
        g.setFill(ink);
        g.setFont(bold);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.fillText(title, w / 2, 2, w - 8);
        if (values.length == 0 || values[0].length == 0) {
            g.setFont(font);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(note.isEmpty() ? "No result yet: press Run." : note, w / 2, h / 2, w - 20);
            return;
        }
        int rows = values.length;
        int cols = values[0].length;
        double left = 46;
        double top = 8 + fontSize * 1.6;
        double right = 64;
        double bottom = 14 + fontSize * 2.4;
        double cw = Math.max(1, (w - left - right) / cols);
        double ch = Math.max(1, (h - top - bottom) / rows);
        double cell = Math.min(cw, ch) < 36 && cols > 16 ? 0 : 1;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int argb = colour.applyAsInt(values[r][c]);
                g.setFill(Color.rgb((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff));
                g.fillRect(left + c * cw, top + r * ch, Math.max(1, cw - cell), Math.max(1, ch - cell));
            }
        }
        // values in the cells when they fit
        g.setFont(Font.font(Math.min(fontSize - 1, ch * 0.42)));
        g.setTextBaseline(VPos.CENTER);
        if (cw >= 34 && ch >= 16) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int argb = colour.applyAsInt(values[r][c]);
                    double lum = 0.2126 * ((argb >> 16) & 0xff) + 0.7152 * ((argb >> 8) & 0xff) + 0.0722 * (argb & 0xff);
                    g.setFill(lum > 140 ? Color.BLACK : Color.WHITE);
                    g.fillText(String.format(Locale.ROOT, "%.2f", values[r][c]), left + c * cw + cw / 2,
                            top + r * ch + ch / 2);
                }
            }
        }
        g.setFill(ink);
        g.setFont(font);
        g.setTextAlign(TextAlignment.RIGHT);
        int rowStep = Math.max(1, (int) Math.ceil(fontSize * 1.2 / ch));
        for (int r = 0; r < rows; r += rowStep) {
            g.fillText(Integer.toString(r), left - 4, top + r * ch + ch / 2);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        int colStep = Math.max(1, (int) Math.ceil(fontSize * 2.2 / cw));
        for (int c = 0; c < cols; c += colStep) {
            g.fillText(Integer.toString(c), left + c * cw + cw / 2, top + rows * ch + 2);
        }
        g.fillText(colAxis, left + cols * cw / 2, top + rows * ch + fontSize * 1.3);
        g.save();
        g.translate(12, top + rows * ch / 2);
        g.rotate(-90);
        g.fillText(rowAxis, 0, -8);
        g.restore();
        // colour bar
        double bx = left + cols * cw + 10;
        double bh = rows * ch;
        for (int y = 0; y < (int) bh; y++) {
            double v = max - (max - min) * y / Math.max(1, bh - 1);
            int argb = colour.applyAsInt(v);
            g.setFill(Color.rgb((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff));
            g.fillRect(bx, top + y, 12, 1);
        }
        g.setFill(ink);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(fmt(max), bx + 15, top);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(fmt(min), bx + 15, top + bh);
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
