/**
 * Attention matrices to pixels: the viridis colour map ({@link org.sinkscope.app.ui.heatmap.Viridis})
 * and {@link org.sinkscope.app.ui.heatmap.HeatmapRaster}, which turns one head into ARGB pixels.
 * The pixels are plain int arrays, so the same picture can go to a JavaFX image
 * ({@link org.sinkscope.app.ui.heatmap.FxImages}) or, later, an AWT image for export.
 */
package org.sinkscope.app.ui.heatmap;
