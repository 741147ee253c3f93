package org.sinkscope.app.ui.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinkscope.app.ui.experiments.ExperimentsViewModel;
import org.sinkscope.app.ui.main.MainViewModel;
import org.sinkscope.app.ui.task.FxBackgroundExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless, with the production executor: the tour runs start to end by clicking Next. */
@ExtendWith(ApplicationExtension.class)
class TourWindowTest {
    private static final int WAIT_S = 90;

    private FxBackgroundExecutor executor;
    private MainViewModel model;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        executor = new FxBackgroundExecutor();
        model = org.sinkscope.app.ui.TestWindows.show(stage, executor);
        model.start("demo:tinysink-gpt2", "The cat sat on the mat.");
    }

    @AfterEach
    void stop() {
        model.close();
        executor.shutdown();
    }

    private boolean settled(TourStep s) {
        if (model.isRunning() || model.getResult() == null || !model.getResult().request().modelSpec().equals(s.model())) {
            return false;
        }
        if (s.experiment() == null) {
            return true;
        }
        var task = model.experiments().task(ExperimentsViewModel.Experiment.valueOf(s.experiment()));
        return !task.runningProperty().get() && (task.getResult() != null || !task.getError().isEmpty());
    }

    @Test
    void theTourRunsStartToEndAndEachStepShowsItsModelAndTab(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> model.getResult() != null && !model.isRunning());
        robot.clickOn("#tour-start");
        TabPane tabs = robot.lookup("#grid-tab").query() == null ? null
                : (TabPane) robot.lookup(".tab-pane").match(n -> ((TabPane) n).getTabs().stream()
                        .anyMatch(t -> "grid-tab".equals(t.getId()))).query();
        int n = model.tour().steps().size();
        for (int i = 0; i < n; i++) {
            TourStep s = model.tour().steps().get(i);
            WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> settled(s));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(model.getError()).as(s.title()).isEmpty();
            assertThat(model.getModelSpec()).as(s.title()).isEqualTo(s.model());
            assertThat(tabs.getSelectionModel().getSelectedItem().getId()).as(s.title()).isEqualTo(s.tab() + "-tab");
            assertThat(robot.lookup("#tour-title").queryAs(Label.class).getText()).isEqualTo(s.title());
            assertThat(robot.lookup("#tour-progress").queryAs(Label.class).getText()).isEqualTo((i + 1) + " / " + n);
            if (s.experiment() != null) {
                var task = model.experiments().task(ExperimentsViewModel.Experiment.valueOf(s.experiment()));
                assertThat(task.getError()).as(s.title()).isEmpty();
                assertThat(model.experiments().selectedProperty().get().name()).isEqualTo(s.experiment());
            }
            if (s.opensHead()) {
                WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> model.head().isOpen());
                assertThat(model.head().getLayer()).isEqualTo(s.layer());
                assertThat(model.head().getHead()).isEqualTo(s.head());
            }
            robot.clickOn("#tour-next");
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.tour().isActive()).isFalse();
        assertThat(robot.lookup("#tour-bar").query().isVisible()).isFalse();
    }

    @Test
    void f5TogglesPresentationMode(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> model.getResult() != null && !model.isRunning());
        robot.clickOn("#prompt");
        robot.type(KeyCode.F5);
        assertThat(PresentationMode.isOn(stage.getScene())).isTrue();
        robot.type(KeyCode.F5);
        assertThat(PresentationMode.isOn(stage.getScene())).isFalse();
    }
}
