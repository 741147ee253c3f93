package org.sinkscope.app.ui.experiments;

/**
 * A diverging blue-white-red map for signed differences (ColorBrewer RdBu, reversed so that
 * positive is red): -1 dark blue, 0 white, +1 dark red; readable by colour-blind readers.
 */
public final class Diverging {
    private static final int[] STOPS = {0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582,
        0xd6604d, 0xb2182b};

    private Diverging() {
    }

    /** Opaque ARGB colour of v in [-1, 1]; values outside are clamped, NaN is white. */
    public static int argb(double v) {
        if (Double.isNaN(v)) {
            return 0xff000000 | STOPS[STOPS.length / 2];
        }
        double x = (Math.max(-1, Math.min(1, v)) + 1) / 2 * (STOPS.length - 1);
        int lo = Math.min((int) x, STOPS.length - 2);
        double f = x - lo;
        int a = STOPS[lo];
        int b = STOPS[lo + 1];
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f);
        int bl = (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
        return 0xff000000 | r << 16 | g << 8 | bl;
    }
}
