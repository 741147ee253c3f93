package org.sinkscope.app.ui.grid;

import java.util.Locale;

/** One thumbnail of the grid: which head, and the sink score it is labelled with. */
public record HeadCell(int layer, int head, double sinkScore) {

    /** "L2 H5" */
    public String name() {
        return "L" + layer + " H" + head;
    }

    /** "L2 H5  0.83" */
    public String label() {
        return name() + "  " + String.format(Locale.ROOT, "%.2f", sinkScore);
    }
}
