package org.sinkscope.app.ui.heatmap;

import org.sinkscope.runtime.attention.AttentionSet.HeadMatrix;

/**
 * One head's T x T attention as ARGB pixels, row = query (top to bottom), column = key (left to
 * right), coloured with viridis on the linear scale 0..1. Keys a causal query cannot see (j > i)
 * get {@link #MASKED} rather than the colour of 0, so the triangle a causal model fills is visible.
 *
 * @param width  in pixels
 * @param height in pixels
 * @param pixels row-major ARGB
 */
public record HeatmapRaster(int width, int height, int[] pixels) {
    /** Light grey, close to the window background: "not visible to this query", not "zero". */
    public static final int MASKED = 0xffe6e6e6;

    /**
     * Draws a head into exactly {@code size} x {@code size} pixels. Above T each cell becomes a block
     * of whole pixels (nearest neighbour, so cells stay crisp: image scaling smooths on some
     * pipelines whatever it is told); below T, blocks of cells are pooled into one pixel by their
     * maximum, not their mean: the mean would dilute a one-column sink by the block width and hide
     * exactly what the thumbnails are for.
     */
    public static HeatmapRaster of(HeadMatrix m, boolean causal, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("raster size must be positive, got " + size);
        }
        int t = m.tokens();
        int[] px = new int[size * size];
        for (int y = 0; y < size; y++) {
            int i0 = (int) ((long) y * t / size);
            int i1 = Math.max(i0 + 1, (int) ((long) (y + 1) * t / size));
            for (int x = 0; x < size; x++) {
                int j0 = (int) ((long) x * t / size);
                int j1 = Math.max(j0 + 1, (int) ((long) (x + 1) * t / size));
                if (causal && j0 > i1 - 1) {
                    px[y * size + x] = MASKED; // the whole block lies above the diagonal
                    continue;
                }
                float max = 0;
                for (int i = i0; i < i1; i++) {
                    int row = m.rowStart(i);
                    for (int j = j0; j < j1; j++) {
                        max = Math.max(max, m.array()[row + j]);
                    }
                }
                px[y * size + x] = Viridis.argb(max);
            }
        }
        return new HeatmapRaster(size, size, px);
    }

    /** A vertical colour bar, 1 at the top and 0 at the bottom. */
    public static HeatmapRaster colourBar(int height) {
        int[] px = new int[height];
        for (int y = 0; y < height; y++) {
            px[y] = Viridis.argb(1 - (double) y / Math.max(1, height - 1));
        }
        return new HeatmapRaster(1, height, px);
    }
}
