package org.sinkscope.app.ui.export;

import java.awt.image.BufferedImage;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** The system clipboard. */
public final class FxImageClipboard implements ImageClipboard {
    @Override
    public void putImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        WritableImage fx = new WritableImage(w, h);
        fx.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        ClipboardContent content = new ClipboardContent();
        content.putImage(fx);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
