package org.sinkscope.app.ui.experiments;

import java.util.Objects;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.sinkscope.app.ui.task.BackgroundExecutor;

/** The Experiments tab: shared inputs, one view model per experiment, and which experiment is shown. */
public final class ExperimentsViewModel {
    /** The experiments, in tab order. */
    public enum Experiment {
        BOS("BOS on/off"), PERTURBATION("Perturbation"), SWEEP("Context sweep"), COMPARE("Model comparison"),
        HIDDEN("Hidden states");

        private final String title;

        Experiment(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final ExperimentInputs inputs = new ExperimentInputs();
    private final ExperimentRunner runner;
    private final BosCompareViewModel bos;
    private final PerturbationViewModel perturbation;
    private final SweepViewModel sweep;
    private final ModelCompareViewModel compare;
    private final HiddenStatesViewModel hidden;
    private final ObjectProperty<Experiment> selected = new SimpleObjectProperty<>(Experiment.BOS);

    public ExperimentsViewModel(BackgroundExecutor executor, ExperimentRunner runner) {
        Objects.requireNonNull(executor);
        this.runner = Objects.requireNonNull(runner);
        bos = new BosCompareViewModel(inputs, runner, executor);
        perturbation = new PerturbationViewModel(inputs, runner, executor);
        sweep = new SweepViewModel(inputs, runner, executor);
        compare = new ModelCompareViewModel(inputs, runner, executor);
        hidden = new HiddenStatesViewModel(inputs, runner, executor);
    }

    /** Runs the experiment that is shown. */
    public void runSelected() {
        switch (selected.get()) {
            case BOS -> bos.run();
            case PERTURBATION -> perturbation.run();
            case SWEEP -> sweep.run();
            case COMPARE -> compare.run();
            case HIDDEN -> hidden.run();
        }
    }

    /** The task of an experiment, for generic status display. */
    public ExperimentTask<?> task(Experiment e) {
        return switch (e) {
            case BOS -> bos.task();
            case PERTURBATION -> perturbation.task();
            case SWEEP -> sweep.task();
            case COMPARE -> compare.task();
            case HIDDEN -> hidden.task();
        };
    }

    public ExperimentInputs inputs() {
        return inputs;
    }

    public BosCompareViewModel bos() {
        return bos;
    }

    public PerturbationViewModel perturbation() {
        return perturbation;
    }

    public SweepViewModel sweep() {
        return sweep;
    }

    public ModelCompareViewModel compare() {
        return compare;
    }

    public HiddenStatesViewModel hidden() {
        return hidden;
    }

    public ObjectProperty<Experiment> selectedProperty() {
        return selected;
    }

    /** Stops every experiment in progress (the window is closing); any thread. */
    public void cancelAll() {
        for (Experiment e : Experiment.values()) {
            task(e).cancel();
        }
    }

    /** Closes the model sessions; call from a background thread or when no run is in flight. */
    public void close() {
        runner.close();
    }
}
