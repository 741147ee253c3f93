package org.sinkscope.app.ui.heatmap;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Rasters to JavaFX images. */
public final class FxImages {
    private FxImages() {
    }

    public static WritableImage toImage(HeatmapRaster raster) {
        WritableImage image = new WritableImage(raster.width(), raster.height());
        image.getPixelWriter().setPixels(0, 0, raster.width(), raster.height(), PixelFormat.getIntArgbInstance(),
                raster.pixels(), 0, raster.width());
        return image;
    }
}
