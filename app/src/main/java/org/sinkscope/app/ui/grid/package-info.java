/**
 * The model view: every layer x head as a small heatmap, layers as rows, each labelled with its
 * sink score and framed more strongly the more it sinks. Clicking (or Enter on) a thumbnail opens
 * that head. {@link org.sinkscope.app.ui.grid.GridViewModel} holds the cells,
 * {@link org.sinkscope.app.ui.grid.GridView} draws them.
 */
package org.sinkscope.app.ui.grid;
