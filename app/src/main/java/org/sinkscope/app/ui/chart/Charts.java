package org.sinkscope.app.ui.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Builders for the window's charts, all in one style; each returns a viewer ready to put in a layout. */
public final class Charts {
    /** Above this many bars a chart draws no per-bar tooltips. */
    private static final int MAX_BARS_WITH_TOOLTIPS = 128;

    /** Colour-blind-safe pair (Okabe-Ito blue and orange) for the two quantities of a line chart. */
    public static final Color BLUE = new Color(0x00, 0x72, 0xb2);
    public static final Color ORANGE = new Color(0xe6, 0x9f, 0x00);
    public static final Color SINK = new Color(0xe8, 0x59, 0x0c);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final BasicStroke SOLID = new BasicStroke(2f);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private Charts() {
    }

    /** One line of a line chart. */
    public record Line(String name, double[] y, Color colour, boolean dashed) {
    }

    /** A viewer without the zoom and pan JFreeChart would add: these charts are small and exact. */
    public static ChartViewer viewer(JFreeChart chart) {
        ChartViewer v = new ChartViewer(chart, false);
        v.setMinSize(100, 100);
        return v;
    }

    /** A line chart over layers 0..n-1, y from 0 to 1. */
    public static JFreeChart layerLines(String title, String yLabel, List<Line> lines) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int k = 0;
        for (Line line : lines) {
            XYSeries s = new XYSeries(line.name(), false, false);
            for (int l = 0; l < line.y().length; l++) {
                s.add(l, line.y()[l]);
            }
            data.addSeries(s);
            renderer.setSeriesPaint(k, line.colour());
            renderer.setSeriesStroke(k, line.dashed() ? DASHED : SOLID);
            renderer.setSeriesShapesFilled(k, !line.dashed());
            k++;
        }
        renderer.setDefaultToolTipGenerator((dataset, series, item) -> String.format(Locale.ROOT, "%s, layer %d: %.4f",
                dataset.getSeriesKey(series), (int) dataset.getXValue(series, item), dataset.getYValue(series, item)));
        NumberAxis x = new NumberAxis("layer");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis(yLabel);
        y.setRange(0, 1.0);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        style(chart);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setBackgroundPaint(Color.WHITE);
        styleAxis(x);
        styleAxis(y);
        return chart;
    }

    /**
     * A bar chart with one bar per category, y from 0 to {@code yMax} (or automatic when NaN).
     * Category labels are drawn when they fit ({@code labelled}), at 45 degrees.
     */
    public static JFreeChart bars(String title, String xLabel, String yLabel, List<String> categories, double[] values,
            Paint colour, double yMax, boolean labelled) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i = 0; i < values.length; i++) {
            data.addValue(values[i], yLabel, categories.get(i));
        }
        CategoryAxis x = new CategoryAxis(xLabel);
        x.setCategoryMargin(values.length > 64 ? 0 : 0.15);
        x.setLowerMargin(0.01);
        x.setUpperMargin(0.01);
        x.setTickLabelsVisible(labelled);
        x.setTickMarksVisible(labelled);
        if (values.length > 8) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        x.setMaximumCategoryLabelWidthRatio(0.6f);
        NumberAxis y = new NumberAxis(yLabel);
        if (Double.isNaN(yMax)) {
            y.setAutoRangeIncludesZero(true);
        } else {
            y.setRange(0, yMax);
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, colour);
        renderer.setItemMargin(0);
        renderer.setMaximumBarWidth(0.08);
        if (values.length <= MAX_BARS_WITH_TOOLTIPS) {
            // a tooltip entity per bar costs FX-thread time on every redraw: long prompts go without
            renderer.setDefaultToolTipGenerator((dataset, row, column) -> String.format(Locale.ROOT, "%s: %.4f",
                    dataset.getColumnKey(column), dataset.getValue(row, column).doubleValue()));
        }
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
        style(chart);
        styleAxis(x);
        styleAxis(y);
        return chart;
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(new Color(0, 0, 0, 0));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setPaint(new Color(0x3c, 0x40, 0x43));
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(TICK);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setBackgroundPaint(new Color(0, 0, 0, 0));
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
    }

    private static void styleAxis(org.jfree.chart.axis.Axis axis) {
        axis.setLabelFont(LABEL);
        axis.setTickLabelFont(TICK);
        axis.setLabelPaint(new Color(0x5f, 0x63, 0x68));
        axis.setTickLabelPaint(new Color(0x3c, 0x40, 0x43));
    }
}
