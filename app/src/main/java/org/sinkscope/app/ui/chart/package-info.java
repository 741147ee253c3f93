/**
 * JFreeChart in the window: {@link org.sinkscope.app.ui.chart.Charts} builds the small line and
 * bar charts of the sinks and mixing views in one quiet style (white plot, light grid, the
 * window's fonts), shown through {@code org.jfree.chart.fx.ChartViewer}. The charts only draw
 * numbers the metrics computed.
 */
package org.sinkscope.app.ui.chart;
