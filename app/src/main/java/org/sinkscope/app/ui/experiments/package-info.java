/**
 * The Experiments tab: Barbero et al.'s experiments rerun on the model in use. BOS on and off
 * ({@link org.sinkscope.runtime.experiments.BosComparison}), perturbation propagation, the
 * context-length sweep, a second model on the same prompt, and hidden-state diagnostics
 * (METRICS.md sections 4 and 7). Each experiment is a view-model / view pair; the view models run
 * their work through the injected {@link org.sinkscope.app.ui.task.BackgroundExecutor} and an
 * {@link org.sinkscope.app.ui.experiments.ExperimentRunner} that keeps up to two model sessions open.
 */
package org.sinkscope.app.ui.experiments;
