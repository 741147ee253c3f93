package org.sinkscope.app.ui.export;

import java.nio.file.Path;
import org.sinkscope.app.figure.View;

/**
 * A figure to write: the view, the file (its extension names the format), PNG resolution and
 * physical width, as {@code sinkscope figure --view --out --dpi --width-mm} take them.
 */
public record FigureRequest(View view, Path file, int dpi, double widthMm) {
    public static final int DEFAULT_DPI = 300;
    public static final double DEFAULT_WIDTH_MM = 180;
    public static final int[] DPIS = {150, 300, 600};

    public FigureRequest withFile(Path f) {
        return new FigureRequest(view, f, dpi, widthMm);
    }
}
