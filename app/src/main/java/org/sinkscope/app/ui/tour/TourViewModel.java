package org.sinkscope.app.ui.tour;

import java.util.List;
import java.util.Objects;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.sinkscope.app.ui.experiments.ExperimentsViewModel;
import org.sinkscope.app.ui.main.MainViewModel;

/**
 * The guided tour: start, next, back, stop. Each step is applied through the window's view
 * models (model, prompt, BOS, epsilon, experiment); the tab it wants is published in
 * {@link #tabProperty()} for the view to select, and the head it opens is opened as soon as the
 * step's run has a result.
 */
public final class TourViewModel {
    private final MainViewModel main;
    private final List<TourStep> steps;
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<TourStep> step = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper tab = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    /** The head to open once the step's run has a result; null when none is pending. */
    private TourStep pendingHead;

    public TourViewModel(MainViewModel main, List<TourStep> steps) {
        this.main = Objects.requireNonNull(main);
        this.steps = List.copyOf(steps);
        // the status line is the last thing a finished run sets, after every panel has shown the result
        main.statusProperty().addListener((obs, old, st) -> openPendingHead());
    }

    public void start() {
        active.set(true);
        go(0);
    }

    /** The next step; past the last one the tour ends. */
    public void next() {
        if (!active.get()) {
            return;
        }
        if (index.get() + 1 >= steps.size()) {
            stop();
        } else {
            go(index.get() + 1);
        }
    }

    public void previous() {
        if (active.get() && index.get() > 0) {
            go(index.get() - 1);
        }
    }

    public void stop() {
        active.set(false);
        pendingHead = null;
        index.set(-1);
        step.set(null);
        progress.set("");
    }

    private void go(int i) {
        TourStep s = steps.get(i);
        index.set(i);
        step.set(s);
        progress.set((i + 1) + " / " + steps.size());
        if (!Double.isNaN(s.epsilon())) {
            main.sinks().useEpsilon(s.epsilon());
        }
        if (s.experiment() != null) {
            main.experiments().selectedProperty().set(ExperimentsViewModel.Experiment.valueOf(s.experiment()));
        }
        main.withBosProperty().set(s.bos());
        String prompt = s.prompt() != null ? s.prompt() : main.demos().stream()
                .filter(d -> ("demo:" + d.name()).equals(s.model())).findFirst().map(d -> d.prompt())
                .orElse(main.promptProperty().get());
        main.promptProperty().set(prompt);
        pendingHead = s.opensHead() ? s : null;
        var last = main.getResult();
        boolean shown = last != null && !main.isRunning() && last.request().modelSpec().equals(s.model())
                && last.request().prompt().equals(prompt) && last.request().withBos() == s.bos();
        if (!shown) {
            if (s.model().equals(main.getModelSpec())) {
                main.run();
            } else {
                main.openModel(s.model());
            }
        }
        openPendingHead();
        if (s.experiment() != null) {
            main.experiments().runSelected();
        }
        // set to null first, so that a step that wants the tab already asked for still brings it to the front
        tab.set(null);
        tab.set(s.tab());
    }

    private void openPendingHead() {
        TourStep s = pendingHead;
        if (s == null || main.head().getResult() == null || main.isRunning()
                || !main.head().getResult().request().modelSpec().equals(s.model())) {
            return;
        }
        pendingHead = null;
        main.head().select(s.layer(), s.head());
    }

    public List<TourStep> steps() {
        return steps;
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public boolean isActive() {
        return active.get();
    }

    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TourStep> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public TourStep getStep() {
        return step.get();
    }

    /** The tab the current step wants in front: grid, head, mixing or experiments (null between steps). */
    public ReadOnlyStringProperty tabProperty() {
        return tab.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }
}
