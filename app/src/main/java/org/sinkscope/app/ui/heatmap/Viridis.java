package org.sinkscope.app.ui.heatmap;

/**
 * Matplotlib's viridis: perceptually uniform, readable in grey scale and by colour-blind readers.
 * Built from its eleven published stops (0.0, 0.1, ... 1.0) by linear interpolation into a
 * 256-entry table; between stops it differs from the full table by less than 2/255 per channel.
 */
public final class Viridis {
    private static final int[] STOPS = {
        0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c,
        0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725,
    };
    private static final int[] TABLE = new int[256];

    static {
        for (int k = 0; k < TABLE.length; k++) {
            double x = k / 255.0 * (STOPS.length - 1);
            int lo = Math.min((int) x, STOPS.length - 2);
            double f = x - lo;
            TABLE[k] = 0xff000000 | mix(STOPS[lo], STOPS[lo + 1], f, 16) | mix(STOPS[lo], STOPS[lo + 1], f, 8)
                    | mix(STOPS[lo], STOPS[lo + 1], f, 0);
        }
    }

    private Viridis() {
    }

    private static int mix(int a, int b, double f, int shift) {
        int ca = (a >> shift) & 0xff;
        int cb = (b >> shift) & 0xff;
        return ((int) Math.round(ca + (cb - ca) * f)) << shift;
    }

    /** Opaque ARGB colour of v; values outside [0, 1] (and NaN) are clamped to the ends. */
    public static int argb(double v) {
        if (!(v > 0)) {
            return TABLE[0];
        }
        if (v >= 1) {
            return TABLE[255];
        }
        return TABLE[(int) Math.round(v * 255)];
    }

    /** Whether text drawn over colour v should be dark (light background) for contrast. */
    public static boolean wantsDarkText(double v) {
        int c = argb(v);
        double luminance = 0.2126 * ((c >> 16) & 0xff) + 0.7152 * ((c >> 8) & 0xff) + 0.0722 * (c & 0xff);
        return luminance > 140;
    }
}
