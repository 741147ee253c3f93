package org.sinkscope.app.ui.export;

import java.awt.image.BufferedImage;

/** The system clipboard, for images; a seam so tests can see what was copied. Called on the FX thread. */
@FunctionalInterface
public interface ImageClipboard {
    void putImage(BufferedImage image);
}
