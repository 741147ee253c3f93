package org.sinkscope.app.ui.experiments;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Line charts over any x (prompt length, hidden state), in the window's chart style. */
final class ExperimentCharts {
    /** Okabe-Ito colours, enough for eight layers plus an overall line. */
    static final Color[] PALETTE = {new Color(0x00, 0x72, 0xb2), new Color(0xe6, 0x9f, 0x00),
        new Color(0x00, 0x9e, 0x73), new Color(0xcc, 0x79, 0xa7), new Color(0x56, 0xb4, 0xe9),
        new Color(0xd5, 0x5e, 0x00), new Color(0xf0, 0xe4, 0x42), new Color(0x99, 0x99, 0x99)};
    private static final BasicStroke SOLID = new BasicStroke(2f);
    private static final BasicStroke THICK = new BasicStroke(3.5f);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    /** One line: x and y of equal length. */
    record Series(String name, double[] x, double[] y, Color colour, boolean dashed, boolean thick) {
    }

    private ExperimentCharts() {
    }

    /** A line chart; y from yMin to yMax, or automatic when either is NaN. */
    static JFreeChart lines(String title, String xLabel, String yLabel, List<Series> series, double yMin, double yMax,
            boolean legend) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int k = 0;
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.x().length; i++) {
                xy.add(s.x()[i], s.y()[i]);
            }
            data.addSeries(xy);
            renderer.setSeriesPaint(k, s.colour());
            renderer.setSeriesStroke(k, s.thick() ? THICK : s.dashed() ? DASHED : SOLID);
            renderer.setSeriesShapesFilled(k, !s.dashed());
            k++;
        }
        renderer.setDefaultToolTipGenerator((d, s, i) -> String.format(Locale.ROOT, "%s, %s %s: %.4f", d.getSeriesKey(s),
                xLabel, fmt(d.getXValue(s, i)), d.getYValue(s, i)));
        NumberAxis x = new NumberAxis(xLabel);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yLabel);
        if (Double.isNaN(yMin) || Double.isNaN(yMax)) {
            y.setAutoRangeIncludesZero(true);
        } else {
            y.setRange(yMin, yMax);
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, legend);
        chart.setBackgroundPaint(new Color(0, 0, 0, 0));
        chart.getTitle().setPaint(new Color(0x3c, 0x40, 0x43));
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            chart.getLegend().setPosition(org.jfree.chart.ui.RectangleEdge.BOTTOM);
            chart.getLegend().setBackgroundPaint(new Color(0, 0, 0, 0));
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        for (NumberAxis a : new NumberAxis[] {x, y}) {
            a.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        }
        return chart;
    }

    static double[] indices(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    static double[] toDoubles(int[] v) {
        double[] x = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            x[i] = v[i];
        }
        return x;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
