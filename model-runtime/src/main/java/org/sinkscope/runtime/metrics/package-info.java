/**
 * The metrics of METRICS.md sections 1 to 3, computed from an
 * {@link org.sinkscope.runtime.attention.AttentionSet}: first-token sink scores, received
 * attention and sink rates ({@link org.sinkscope.runtime.metrics.SinkMetrics}), normalised
 * attention entropy ({@link org.sinkscope.runtime.metrics.EntropyMetrics}) and attention
 * rollout with its sink-ablated counterfactual ({@link org.sinkscope.runtime.metrics.MixingMetrics}).
 * {@link org.sinkscope.runtime.metrics.Analysis} bundles all of them for one run.
 * Results are immutable; getters that return arrays return copies. Layers are computed in
 * parallel, each by one thread in a fixed order, so results do not depend on scheduling.
 */
package org.sinkscope.runtime.metrics;
