/**
 * The main window: the model list and Open model..., the prompt with its BOS toggle and Run
 * (Ctrl+Enter), the status line and the error bar, around the grid, head and sinks views.
 * {@link org.sinkscope.app.ui.main.MainViewModel} owns the runs (one at a time, the newest wins)
 * and hands each result to the feature view models; {@link org.sinkscope.app.ui.main.MainView}
 * lays the window out. File choosing sits behind {@link org.sinkscope.app.ui.main.ModelFileChooser}
 * so tests can replace it.
 */
package org.sinkscope.app.ui.main;
