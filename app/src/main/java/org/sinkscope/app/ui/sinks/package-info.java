/**
 * The sinks view: the layer x head matrix of sink scores, the threshold epsilon and the sink
 * rate overall and per layer. Changing epsilon only re-compares the stored scores
 * ({@link org.sinkscope.runtime.metrics.SinkMetrics#sinkRate(double)}); nothing is recomputed.
 */
package org.sinkscope.app.ui.sinks;
