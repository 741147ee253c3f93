/**
 * Background work for view models: {@link org.sinkscope.app.ui.task.BackgroundExecutor} is the
 * seam. In the window it is {@link org.sinkscope.app.ui.task.FxBackgroundExecutor} (a worker
 * thread, results delivered on the FX thread); in tests
 * {@link org.sinkscope.app.ui.task.SameThreadExecutor} runs work on the calling thread, so
 * view-model tests need no toolkit. FX-thread work itself is kept short:
 * {@link org.sinkscope.app.ui.task.FxTurns} splits it into turns, and
 * {@link org.sinkscope.app.ui.task.LazyTooltip} puts tooltips off until they are wanted.
 */
package org.sinkscope.app.ui.task;
