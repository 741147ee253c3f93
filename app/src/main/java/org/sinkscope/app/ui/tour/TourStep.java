package org.sinkscope.app.ui.tour;

import java.util.Objects;

/**
 * One step of the tour: a title, a short text, and how to set the window up for it.
 *
 * @param model      demo:NAME to show
 * @param prompt     the prompt to run, or null for the model's demo prompt as it stands
 * @param bos        prepend BOS
 * @param tab        grid, head, mixing or experiments
 * @param experiment for the experiments tab: BOS, PERTURBATION, SWEEP, COMPARE or HIDDEN; else null
 * @param layer      head to open (with {@code head}), or -1
 * @param epsilon    sink threshold to set, or NaN to leave it
 */
public record TourStep(String title, String text, String model, String prompt, boolean bos, String tab,
        String experiment, int layer, int head, double epsilon) {

    public TourStep {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tab, "tab");
    }

    public boolean opensHead() {
        return layer >= 0 && head >= 0;
    }
}
