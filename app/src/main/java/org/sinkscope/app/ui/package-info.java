/**
 * The SinkScope window. {@link org.sinkscope.app.ui.SinkScopeApp} starts it; each screen
 * area lives in its own feature package as a View (builds and draws nodes) and a ViewModel
 * (state as JavaFX properties, never touches a control): {@code main} (model list, prompt,
 * run and cancel, status, errors), {@code tokens} (the token strip), {@code grid} (all heads as
 * thumbnails), {@code head} (one head, large, with zoom, pan, colour maps and details),
 * {@code sinks} (sink-score matrix, sink rates, received attention), {@code mixing} (rollout
 * sink share and mixing entropy). {@code run} turns a model and a prompt into a result off the
 * FX thread, {@code task} is the executor seam that lets view-model tests run without a toolkit,
 * {@code heatmap} is the pixel renderer and colour maps all views share, {@code chart} builds
 * the JFreeChart charts, and {@code settings} is what the window remembers between runs.
 */
package org.sinkscope.app.ui;
