package org.sinkscope.app.figure;

import java.awt.Color;
import java.util.Locale;

/**
 * Maps attention probabilities to viridis colours: linear on [0, 1] by default, or log10 on
 * [{@value #LOG_FLOOR}, 1] (values below the floor take the floor's colour).
 */
public final class ColorScale {
    public static final double LOG_FLOOR = 1e-4;
    private static final int STEPS = 256;
    private static final int[] TABLE = new int[STEPS];

    static {
        // Polynomial fit of matplotlib's viridis (max error well below one 8-bit step).
        double[][] c = {
            {0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
            {0.1050930431085774, 1.404613529898575, 1.384590162594685},
            {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
            {-4.634230498983486, -5.799100973351585, -19.33244095627987},
            {6.228269936347081, 14.17993336680649, 56.69055260068105},
            {4.776384997670288, -13.74514537774601, -65.35303263337234},
            {-5.435455855934631, 4.645852612178535, 26.3124352495832}};
        for (int i = 0; i < STEPS; i++) {
            double t = i / (double) (STEPS - 1);
            int[] rgb = new int[3];
            for (int k = 0; k < 3; k++) {
                double v = c[6][k];
                for (int p = 5; p >= 0; p--) {
                    v = c[p][k] + t * v;
                }
                rgb[k] = (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
            }
            TABLE[i] = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
        }
    }

    private final boolean log;

    private ColorScale(boolean log) {
        this.log = log;
    }

    public static ColorScale linear() {
        return new ColorScale(false);
    }

    public static ColorScale log() {
        return new ColorScale(true);
    }

    public boolean isLog() {
        return log;
    }

    /** The position of a value on the bar, 0..1. */
    public double normalise(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        if (log) {
            double l = Math.log10(Math.max(v, LOG_FLOOR));
            return Math.max(0, Math.min(1, (l - Math.log10(LOG_FLOOR)) / -Math.log10(LOG_FLOOR)));
        }
        return Math.max(0, Math.min(1, v));
    }

    public int rgb(double v) {
        return rgbAt(normalise(v));
    }

    public Color color(double v) {
        return new Color(rgb(v));
    }

    /** Viridis at position t in [0, 1]. */
    public static int rgbAt(double t) {
        int i = (int) Math.round(Math.max(0, Math.min(1, t)) * (STEPS - 1));
        return TABLE[i];
    }

    /** Tick values for the colour bar. */
    public double[] ticks() {
        return log ? new double[] {1e-4, 1e-3, 1e-2, 1e-1, 1} : new double[] {0, 0.25, 0.5, 0.75, 1};
    }

    public String tickLabel(double v) {
        if (log) {
            int e = (int) Math.round(Math.log10(v));
            return e == 0 ? "1" : "1e" + e;
        }
        return String.format(Locale.ROOT, v == 0 || v == 1 ? "%.0f" : "%.2f", v);
    }

    /** The scale as the caption and metadata state it. */
    public String describe() {
        return log ? "viridis, log10, " + tickLabel(LOG_FLOOR) + " to 1 (smaller values clipped)" : "viridis, linear, 0 to 1";
    }
}
