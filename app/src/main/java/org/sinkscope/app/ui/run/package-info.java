/**
 * From a model and a prompt to what the window shows: {@link org.sinkscope.app.ui.run.ModelRunner}
 * keeps the last model session open (opening one takes seconds) and runs tokenize, inference and
 * {@link org.sinkscope.runtime.metrics.Analysis} in one go; {@link org.sinkscope.app.ui.run.RunResult}
 * is the immutable outcome every view reads. Nothing here touches JavaFX.
 */
package org.sinkscope.app.ui.run;
