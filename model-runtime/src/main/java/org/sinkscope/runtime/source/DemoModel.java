package org.sinkscope.runtime.source;

/**
 * A model that ships with SinkScope.
 *
 * @param name        used as demo:NAME
 * @param title       one line for lists
 * @param description what it is and what it shows
 * @param prompt      a prompt that shows the model's sinks well
 * @param isDefault   the model the app opens first
 */
public record DemoModel(String name, String title, String description, String prompt, boolean isDefault) {
}
