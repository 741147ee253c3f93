package org.sinkscope.app.ui.heatmap;

/**
 * How attention values become colours.
 *
 * @param colormap     the colour map
 * @param logScale     colour by log10 of the value over {@link #LOG_FLOOR}..1 instead of linearly over 0..1
 * @param hideFirstKey leave key 0 out and show each row renormalised over the remaining keys,
 *                     A[i][j] / (1 - A[i][0]), so the pattern a sink drowns out becomes readable
 */
public record HeatmapStyle(Colormap colormap, boolean logScale, boolean hideFirstKey) {
    /** The log scale's lowest value: three decades below 1; anything smaller gets the bottom colour. */
    public static final double LOG_FLOOR = 1e-3;
    public static final HeatmapStyle DEFAULT = new HeatmapStyle(Colormap.VIRIDIS, false, false);

    public HeatmapStyle {
        if (colormap == null) {
            colormap = Colormap.VIRIDIS;
        }
    }

    /** Position 0..1 on the colour map for an attention value. */
    public double position(double v) {
        if (!logScale) {
            return v;
        }
        if (!(v > LOG_FLOOR)) {
            return 0;
        }
        return Math.min(1, (Math.log10(v) - Math.log10(LOG_FLOOR)) / -Math.log10(LOG_FLOOR));
    }

    /** The attention value at colour-map position p (the inverse of {@link #position}), for colour-bar ticks. */
    public double value(double p) {
        return logScale ? Math.pow(10, Math.log10(LOG_FLOOR) * (1 - p)) : p;
    }

    public int argb(double v) {
        return colormap.argb(position(v));
    }
}
