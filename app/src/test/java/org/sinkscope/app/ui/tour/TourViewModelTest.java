package org.sinkscope.app.ui.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sinkscope.app.ui.main.MainViewModel;
import org.sinkscope.app.ui.run.ModelRunner;
import org.sinkscope.app.ui.task.SameThreadExecutor;
import org.sinkscope.runtime.source.DemoCatalog;
import org.sinkscope.runtime.source.DemoModel;

class TourViewModelTest {
    private final MainViewModel main = new MainViewModel(new SameThreadExecutor(), new ModelRunner(),
            DemoCatalog.standard().list());

    @AfterEach
    void close() {
        main.close();
    }

    @Test
    void theShippedTourNamesOnlyBundledModelsAndKnownTabs() {
        List<TourStep> steps = Tour.standard();
        List<String> demos = DemoCatalog.standard().list().stream().map(d -> "demo:" + d.name()).toList();
        assertThat(steps).hasSizeBetween(6, 12);
        for (TourStep s : steps) {
            assertThat(demos).as(s.title()).contains(s.model());
            assertThat(Tour.TABS).contains(s.tab());
            assertThat(s.text()).isNotBlank().hasSizeLessThan(700);
            assertThat(s.experiment() == null || s.tab().equals("experiments")).as(s.title()).isTrue();
        }
    }

    @Test
    void nextAppliesEveryStepThroughTheViewModelsUntilTheTourEnds() {
        TourViewModel tour = main.tour();
        List<String> tabs = new ArrayList<>();
        tour.tabProperty().addListener((obs, old, t) -> {
            if (t != null) {
                tabs.add(t);
            }
        });

        tour.start();
        int n = tour.steps().size();
        for (int i = 0; i < n; i++) {
            TourStep s = tour.getStep();
            assertThat(tour.indexProperty().get()).isEqualTo(i);
            assertThat(main.getError()).as(s.title()).isEmpty();
            assertThat(main.getModelSpec()).as(s.title()).isEqualTo(s.model());
            assertThat(main.getResult().request().modelSpec()).isEqualTo(s.model());
            assertThat(main.getResult().request().withBos()).isEqualTo(s.bos());
            assertThat(tour.tabProperty().get()).isEqualTo(s.tab());
            if (s.opensHead()) {
                assertThat(main.head().isOpen()).as(s.title()).isTrue();
                assertThat(main.head().getLayer()).isEqualTo(s.layer());
                assertThat(main.head().getHead()).isEqualTo(s.head());
            }
            if (!Double.isNaN(s.epsilon())) {
                assertThat(main.sinks().getEpsilon()).isEqualTo(s.epsilon());
            }
            if (s.experiment() != null) {
                assertThat(main.experiments().selectedProperty().get().name()).isEqualTo(s.experiment());
                var task = main.experiments().task(main.experiments().selectedProperty().get());
                assertThat(task.getError()).as(s.title()).isEmpty();
                assertThat(task.getResult()).as(s.title()).isNotNull();
            }
            tour.next();
        }
        assertThat(tour.isActive()).isFalse();
        assertThat(tabs).hasSize(n);
    }

    @Test
    void backReturnsToThePreviousStepAndStopEndsTheTour() {
        TourViewModel tour = main.tour();
        tour.start();
        tour.next();
        tour.previous();

        assertThat(tour.indexProperty().get()).isZero();
        assertThat(main.getModelSpec()).isEqualTo(tour.steps().get(0).model());
        tour.stop();
        assertThat(tour.isActive()).isFalse();
        assertThat(tour.getStep()).isNull();
    }

    @Test
    void aStepWithoutItsOwnPromptUsesTheModelsDemoPrompt() {
        DemoModel llama = DemoCatalog.standard().list().get(0);
        TourViewModel tour = new TourViewModel(main, List.of(new TourStep("t", "x", "demo:" + llama.name(), null, false,
                "grid", null, -1, -1, Double.NaN)));
        main.promptProperty().set("something else");

        tour.start();

        assertThat(main.promptProperty().get()).isEqualTo(llama.prompt());
        assertThat(main.withBosProperty().get()).isFalse();
    }
}
