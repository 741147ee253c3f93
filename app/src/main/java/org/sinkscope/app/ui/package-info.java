/**
 * The SinkScope window. {@link org.sinkscope.app.ui.SinkScopeApp} starts it; each screen
 * area lives in its own feature package as a View (builds and draws nodes) and a ViewModel
 * (state as JavaFX properties, never touches a control): {@code main} (model list, prompt,
 * status, errors), {@code grid} (all heads as thumbnails), {@code head} (one head, large),
 * {@code sinks} (sink-score matrix and sink rates). {@code run} turns a model and a prompt
 * into a result off the FX thread, {@code task} is the executor seam that lets view-model
 * tests run without a toolkit, and {@code heatmap} is the pixel renderer all views share.
 */
package org.sinkscope.app.ui;
