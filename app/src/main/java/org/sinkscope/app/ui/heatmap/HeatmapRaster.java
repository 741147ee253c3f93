package org.sinkscope.app.ui.heatmap;

import org.sinkscope.runtime.attention.AttentionSet.HeadMatrix;

/**
 * One head's T x T attention (or a rectangle of it) as ARGB pixels, row = query (top to bottom),
 * column = key (left to right). Keys a causal query cannot see (j &gt; i) get the colour map's
 * masked colour rather than the colour of 0, so the triangle a causal model fills is visible.
 *
 * @param width  in pixels
 * @param height in pixels
 * @param pixels row-major ARGB
 */
public record HeatmapRaster(int width, int height, int[] pixels) {
    /** Light grey, close to the window background: "not visible to this query", not "zero". */
    public static final int MASKED = 0xffe6e6e6;
    /** Key 0 when it is hidden and the rows renormalised without it: a hatch-free neutral grey. */
    public static final int HIDDEN = 0xffbdbdbd;

    /** The whole head into exactly {@code size} x {@code size} pixels, viridis, linear. */
    public static HeatmapRaster of(HeadMatrix m, boolean causal, int size) {
        return of(m, causal, size, HeatmapStyle.DEFAULT);
    }

    /** The whole head into exactly {@code size} x {@code size} pixels in the given style. */
    public static HeatmapRaster of(HeadMatrix m, boolean causal, int size, HeatmapStyle style) {
        return region(m, causal, 0, m.tokens(), 0, m.tokens(), size, size, style);
    }

    /**
     * Draws queries {@code i0..i1-1} x keys {@code j0..j1-1} into exactly {@code width} x
     * {@code height} pixels; the work is proportional to the cells in the rectangle plus the
     * pixels, never to T x T. Where a pixel covers more than one cell, the cells are pooled by
     * their maximum, not their mean: the mean would dilute a one-column sink by the block width
     * and hide exactly what a zoomed-out view is for. Where a cell covers several pixels, it
     * becomes a block of whole pixels (nearest neighbour, so cells stay crisp).
     */
    public static HeatmapRaster region(HeadMatrix m, boolean causal, int i0, int i1, int j0, int j1, int width,
            int height, HeatmapStyle style) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("raster size must be positive, got " + width + " x " + height);
        }
        int t = m.tokens();
        if (i0 < 0 || j0 < 0 || i1 > t || j1 > t || i0 >= i1 || j0 >= j1) {
            throw new IllegalArgumentException("region [" + i0 + ", " + i1 + ") x [" + j0 + ", " + j1
                    + ") is not inside a " + t + " x " + t + " head");
        }
        int[] px = new int[width * height];
        // large regions (a whole long head) are split into bands of pixel rows over the cores
        int bands = (long) (i1 - i0) * (j1 - j0) >= PARALLEL_CELLS ? Math.min(height, 4 * Runtime.getRuntime().availableProcessors()) : 1;
        java.util.stream.IntStream stream = java.util.stream.IntStream.range(0, bands);
        (bands > 1 ? stream.parallel() : stream).forEach(b -> band(m, causal, i0, i1, j0, j1, width, height, style, px,
                height * b / bands, height * (b + 1) / bands));
        java.lang.ref.Reference.reachabilityFence(m); // its set's arrays were read directly
        return new HeatmapRaster(width, height, px);
    }

    /** Cells from which {@link #region} spreads its pixel rows over the cores. */
    private static final long PARALLEL_CELLS = 1L << 22;

    /**
     * Pixel rows [yFrom, yTo) of {@link #region}. Per pixel row, first the maximum of each column
     * over the row's block of queries (long, contiguous loops over the keys), then the maximum over
     * each pixel's block of columns: every cell is read once, not in short 5 x 5 blocks.
     */
    private static void band(HeadMatrix m, boolean causal, int i0, int i1, int j0, int j1, int width, int height,
            HeatmapStyle style, int[] px, int yFrom, int yTo) {
        int rows = i1 - i0;
        int cols = j1 - j0;
        float[] a = m.array();
        int masked = style.colormap().maskedArgb();
        int firstKey = style.hideFirstKey() ? Math.max(j0, 1) : j0;
        float[] columnMax = new float[cols];
        for (int y = yFrom; y < yTo; y++) {
            int r0 = i0 + (int) ((long) y * rows / height);
            int r1 = Math.max(r0 + 1, i0 + (int) ((long) (y + 1) * rows / height));
            java.util.Arrays.fill(columnMax, 0f);
            for (int i = r0; i < r1; i++) {
                int row = m.rowStart(i);
                float scale = 1;
                if (style.hideFirstKey()) {
                    float rest = 1 - a[row];
                    scale = rest > 1e-12f ? 1 / rest : 0;
                }
                int end = causal ? Math.min(j1, i + 1) : j1; // above the diagonal a causal head is 0
                if (end > firstKey) {
                    maxInto(a, row + firstKey, columnMax, firstKey - j0, end - firstKey, scale);
                }
            }
            for (int x = 0; x < width; x++) {
                int c0 = j0 + (int) ((long) x * cols / width);
                int c1 = Math.max(c0 + 1, j0 + (int) ((long) (x + 1) * cols / width));
                if (causal && c0 > r1 - 1) {
                    px[y * width + x] = masked; // the whole block lies above the diagonal
                    continue;
                }
                if (style.hideFirstKey() && c1 == 1) {
                    px[y * width + x] = HIDDEN;
                    continue;
                }
                float max = 0;
                for (int j = Math.max(c0, firstKey); j < c1; j++) {
                    max = Math.max(max, columnMax[j - j0]);
                }
                px[y * width + x] = style.argb(max);
            }
        }
    }

    /** target[to + k] = max(target[to + k], scale * source[from + k]) for k < n: a loop of its own, which the JIT vectorises. */
    private static void maxInto(float[] source, int from, float[] target, int to, int n, float scale) {
        if (scale == 1) {
            for (int k = 0; k < n; k++) {
                target[to + k] = Math.max(target[to + k], source[from + k]);
            }
        } else {
            for (int k = 0; k < n; k++) {
                target[to + k] = Math.max(target[to + k], source[from + k] * scale);
            }
        }
    }

    /** A vertical viridis colour bar, 1 at the top and 0 at the bottom. */
    public static HeatmapRaster colourBar(int height) {
        return colourBar(height, Colormap.VIRIDIS);
    }

    /** A vertical colour bar of the map's positions, 1 at the top and 0 at the bottom. */
    public static HeatmapRaster colourBar(int height, Colormap map) {
        int[] px = new int[height];
        for (int y = 0; y < height; y++) {
            px[y] = map.argb(1 - (double) y / Math.max(1, height - 1));
        }
        return new HeatmapRaster(1, height, px);
    }
}
