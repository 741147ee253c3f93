package org.sinkscope.app.figure;

import java.awt.Graphics2D;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A laid-out figure: its size in points (1/72 inch), the caption it carries, the facts that go
 * into the file's metadata, and how to draw it on any Graphics2D whose units are points.
 */
public record Figure(double width, double height, String caption, boolean rasterCells, Map<String, String> metadata,
                     Consumer<Graphics2D> painter) {
    public void draw(Graphics2D g) {
        painter.accept(g);
    }
}
