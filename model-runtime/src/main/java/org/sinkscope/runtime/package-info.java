/**
 * SinkScope's runtime: read an ONNX transformer, expose its attention, run it, and compute
 * the sink and mixing metrics of METRICS.md. No UI code lives here.
 * Sub-packages by feature: source (where a model comes from), onnx (the graph),
 * inspect (where attention comes from), tokenize, session (running), attention (the
 * container), metrics, io (file formats).
 */
package org.sinkscope.runtime;
