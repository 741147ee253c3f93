/**
 * The main window: the model list and Open model..., the prompt with its BOS toggle, Run
 * (Ctrl+Enter) and Cancel (Esc) with a progress indicator, the status line and the error bar
 * (Details... shows the full failure), around the grid, head and mixing tabs and the sinks panel.
 * {@link org.sinkscope.app.ui.main.MainViewModel} owns the runs (one at a time, the newest wins;
 * a cancelled or superseded run is stopped inside ONNX Runtime through its terminate flag),
 * hands each result to the feature view models, and restores and stores settings. File choosing
 * and the error-details dialog sit behind {@link org.sinkscope.app.ui.main.ModelFileChooser} and
 * {@link org.sinkscope.app.ui.main.ErrorDetailsDialog} so tests can replace them.
 */
package org.sinkscope.app.ui.main;
