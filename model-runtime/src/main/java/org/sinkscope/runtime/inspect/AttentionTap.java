package org.sinkscope.runtime.inspect;

/**
 * Where one layer's attention probabilities are read.
 *
 * @param layer  0-based, in the order the graph computes them
 * @param output the graph output that carries them (added by SinkScope unless declared)
 * @param node   the node that computes them
 * @param opType that node's operator, with its domain when not ai.onnx
 */
public record AttentionTap(int layer, String output, String node, String opType) {
}
