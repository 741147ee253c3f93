/**
 * The window's File and Edit menus: open and save analyses (.npz, the format of
 * {@code sinkscope analyze --save}), export figures through the same
 * {@link org.sinkscope.app.figure.FigureWriter} path as {@code sinkscope figure}, export data
 * (attention .npy, metrics CSV, the JSON report) and copy a figure to the clipboard.
 * {@link org.sinkscope.app.ui.export.ExportViewModel} does the work through the background
 * executor; file dialogs and the clipboard sit behind
 * {@link org.sinkscope.app.ui.export.ExportDialogs} and {@link org.sinkscope.app.ui.export.ImageClipboard},
 * which tests replace.
 */
package org.sinkscope.app.ui.export;
