package org.sinkscope.app.ui.head;

/**
 * Which part of a T x T head is in view, in cell units: the square of {@code span()} cells whose
 * top-left corner is query {@code row}, key {@code col}. Zoom 1 shows the whole head (fit);
 * zoom z shows T / z cells a side, down to {@link #MIN_SPAN} cells. Immutable; every change
 * returns a new viewport, already clamped to the head.
 *
 * @param tokens T
 * @param zoom   1 = fit
 * @param row    first visible query (fractional)
 * @param col    first visible key (fractional)
 */
public record Viewport(int tokens, double zoom, double row, double col) {
    /** The fewest cells a side the view zooms in to. */
    public static final double MIN_SPAN = 4;

    public Viewport {
        double maxZoom = Math.max(1, tokens / MIN_SPAN);
        zoom = Double.isFinite(zoom) ? Math.max(1, Math.min(maxZoom, zoom)) : 1;
        double span = tokens / zoom;
        row = clamp(row, 0, tokens - span);
        col = clamp(col, 0, tokens - span);
    }

    /** The whole head in view. */
    public static Viewport fit(int tokens) {
        return new Viewport(tokens, 1, 0, 0);
    }

    /** Cells visible along each side. */
    public double span() {
        return tokens / zoom;
    }

    public boolean isFit() {
        return zoom == 1;
    }

    /** Zooms by {@code factor} (&gt;1 in) keeping the cell point (anchorRow, anchorCol) where it is on screen. */
    public Viewport zoomed(double factor, double anchorRow, double anchorCol) {
        Viewport next = new Viewport(tokens, zoom * factor, 0, 0);
        double ratio = next.span() / span();
        return new Viewport(tokens, next.zoom, anchorRow - (anchorRow - row) * ratio,
                anchorCol - (anchorCol - col) * ratio);
    }

    /** Zooms about the centre of the view. */
    public Viewport zoomed(double factor) {
        double c = span() / 2;
        return zoomed(factor, row + c, col + c);
    }

    /** Moves the view by the given number of cells (positive = towards later tokens). */
    public Viewport panned(double dRows, double dCols) {
        return new Viewport(tokens, zoom, row + dRows, col + dCols);
    }

    /** First visible query index (inclusive) and the one past the last visible (exclusive). */
    public int firstRow() {
        return (int) Math.floor(row);
    }

    public int endRow() {
        return Math.min(tokens, (int) Math.ceil(row + span() - 1e-9));
    }

    public int firstCol() {
        return (int) Math.floor(col);
    }

    public int endCol() {
        return Math.min(tokens, (int) Math.ceil(col + span() - 1e-9));
    }

    private static double clamp(double v, double lo, double hi) {
        if (!Double.isFinite(v)) {
            return lo;
        }
        return Math.max(lo, Math.min(Math.max(lo, hi), v));
    }
}
