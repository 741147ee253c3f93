package org.sinkscope.app.ui.experiments;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

import org.sinkscope.app.ui.experiments.ExperimentsViewModel.Experiment;

/** The Experiments tab's content: one sub-tab per experiment, following the view model's selection. */
public final class ExperimentsView extends TabPane {
    private final Map<Experiment, Tab> tabs = new EnumMap<>(Experiment.class);

    /** @param modelSpecs the models offered for comparison (demo:NAME) */
    public ExperimentsView(ExperimentsViewModel model, List<String> modelSpecs) {
        setId("experiments");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        add(Experiment.BOS, "exp-tab-bos", new BosCompareView(model.bos()));
        add(Experiment.PERTURBATION, "exp-tab-perturb", new PerturbationView(model.perturbation()));
        add(Experiment.SWEEP, "exp-tab-sweep", new SweepView(model.sweep()));
        add(Experiment.COMPARE, "exp-tab-compare", new ModelCompareView(model.compare(), modelSpecs));
        add(Experiment.HIDDEN, "exp-tab-hidden", new HiddenStatesView(model.hidden()));
        getSelectionModel().select(tabs.get(model.selectedProperty().get()));
        getSelectionModel().selectedItemProperty().addListener((obs, old, t) -> tabs.forEach((e, tab) -> {
            if (tab == t) {
                model.selectedProperty().set(e);
            }
        }));
        model.selectedProperty().addListener((obs, old, e) -> getSelectionModel().select(tabs.get(e)));
    }

    private void add(Experiment e, String id, javafx.scene.Node content) {
        Tab t = new Tab(e.title(), content);
        t.setId(id);
        tabs.put(e, t);
        getTabs().add(t);
    }
}
