package org.sinkscope.app.ui.heatmap;

/**
 * Matplotlib's viridis, the default colour map: perceptually uniform, readable in grey scale and
 * by colour-blind readers. A shortcut to {@link Colormap#VIRIDIS}.
 */
public final class Viridis {
    private Viridis() {
    }

    /** Opaque ARGB colour of v; values outside [0, 1] (and NaN) are clamped to the ends. */
    public static int argb(double v) {
        return Colormap.VIRIDIS.argb(v);
    }

    /** Whether text drawn over colour v should be dark (light background) for contrast. */
    public static boolean wantsDarkText(double v) {
        return Colormap.VIRIDIS.wantsDarkText(v);
    }
}
