package org.sinkscope.app.ui.run;

/**
 * What the user asked to run.
 *
 * @param modelSpec a path to an .onnx file, a folder holding one, or demo:NAME
 * @param prompt    the text to tokenize
 * @param withBos   prepend the model's BOS token
 */
public record RunRequest(String modelSpec, String prompt, boolean withBos) {
}
