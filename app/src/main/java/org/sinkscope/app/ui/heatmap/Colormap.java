package org.sinkscope.app.ui.heatmap;

/**
 * The colour maps the heatmaps offer, all perceptually uniform in lightness and readable by
 * colour-blind readers: matplotlib's viridis, magma and cividis (cividis is tuned for deuteranopia
 * and protanopia) and plain greys (light = 0, dark = 1, so it prints well). Each is a 256-entry
 * table built by linear interpolation from evenly spaced published stops.
 */
public enum Colormap {
    VIRIDIS("viridis", 0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c,
            0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725),
    MAGMA("magma", 0x000004, 0x180f3e, 0x451077, 0x721f81, 0x9f2f7f, 0xcd4071,
            0xf1605d, 0xfd9567, 0xfec98d, 0xfcfdbf),
    CIVIDIS("cividis", 0x00204d, 0x00336f, 0x39486b, 0x575c6d, 0x707173, 0x8a8779,
            0xa69d75, 0xc4b56c, 0xe4cf5b, 0xffea46),
    GREYS("greys", 0xffffff, 0xf0f0f0, 0xd9d9d9, 0xbdbdbd, 0x969696, 0x737373, 0x525252, 0x252525, 0x000000);

    private final String label;
    private final int[] table = new int[256];

    Colormap(String label, int... stops) {
        this.label = label;
        for (int k = 0; k < table.length; k++) {
            double x = k / 255.0 * (stops.length - 1);
            int lo = Math.min((int) x, stops.length - 2);
            double f = x - lo;
            table[k] = 0xff000000 | mix(stops[lo], stops[lo + 1], f, 16) | mix(stops[lo], stops[lo + 1], f, 8)
                    | mix(stops[lo], stops[lo + 1], f, 0);
        }
    }

    private static int mix(int a, int b, double f, int shift) {
        int ca = (a >> shift) & 0xff;
        int cb = (b >> shift) & 0xff;
        return ((int) Math.round(ca + (cb - ca) * f)) << shift;
    }

    /** Opaque ARGB colour of v; values outside [0, 1] (and NaN) are clamped to the ends. */
    public int argb(double v) {
        if (!(v > 0)) {
            return table[0];
        }
        if (v >= 1) {
            return table[255];
        }
        return table[(int) Math.round(v * 255)];
    }

    /** Whether text drawn over colour v should be dark (light background) for contrast. */
    public boolean wantsDarkText(double v) {
        int c = argb(v);
        double luminance = 0.2126 * ((c >> 16) & 0xff) + 0.7152 * ((c >> 8) & 0xff) + 0.0722 * (c & 0xff);
        return luminance > 140;
    }

    /** The colour for keys a causal query cannot see: a light grey, or a pale blue where greys would hide it. */
    public int maskedArgb() {
        return this == GREYS ? 0xffdde7f3 : HeatmapRaster.MASKED;
    }

    /** "viridis" */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The map named {@code name} (case-insensitive), or viridis when there is none. */
    public static Colormap byName(String name) {
        for (Colormap c : values()) {
            if (c.label.equalsIgnoreCase(name) || c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return VIRIDIS;
    }
}
