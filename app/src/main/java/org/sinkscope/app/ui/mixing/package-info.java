/**
 * The mixing view (METRICS.md section 3): per layer, the rollout sink share and mixing entropy
 * with their sink-ablated counterfactuals, and the last token's estimated composition over the
 * input tokens at a chosen layer. {@link org.sinkscope.app.ui.mixing.MixingViewModel} reads
 * {@link org.sinkscope.runtime.metrics.MixingMetrics}; {@link org.sinkscope.app.ui.mixing.MixingView}
 * charts it.
 */
package org.sinkscope.app.ui.mixing;
