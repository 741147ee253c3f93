package org.sinkscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sinkscope.app.ui.TestWindows.gridComplete;
import static org.sinkscope.app.ui.TestWindows.waitUntil;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinkscope.app.ui.main.MainView;
import org.sinkscope.app.ui.main.MainViewModel;
import org.sinkscope.app.ui.run.ModelRunner;
import org.sinkscope.app.ui.task.BackgroundExecutor;
import org.sinkscope.app.ui.task.BackgroundWork;
import org.sinkscope.app.ui.task.FxBackgroundExecutor;
import org.sinkscope.runtime.source.DemoCatalog;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless (Monocle), with the production executor: runs really are off the FX thread. */
@ExtendWith(ApplicationExtension.class)
class SinkScopeWindowTest {

    private FxBackgroundExecutor executor;
    private MainViewModel model;
    /** Closed, it holds every run at its start until opened: a run is then reliably in flight. */
    private final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CountDownLatch> gate =
            new java.util.concurrent.atomic.AtomicReference<>(new java.util.concurrent.CountDownLatch(0));
    private final java.util.List<String> detailsShown = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        executor = new FxBackgroundExecutor();
        BackgroundExecutor gated = new BackgroundExecutor() {
            @Override
            public <T> void execute(BackgroundWork<T> work, java.util.function.Consumer<? super T> onSuccess,
                    java.util.function.Consumer<? super Throwable> onFailure) {
                java.util.concurrent.CountDownLatch g = gate.get();
                executor.execute(() -> {
                    g.await(TestWindows.WAIT_S, TimeUnit.SECONDS);
                    return work.call();
                }, onSuccess, onFailure);
            }
        };
        model = new MainViewModel(gated, new ModelRunner(), DemoCatalog.standard().list());
        stage.setScene(SinkScopeApp.scene(new MainView(model, owner -> Optional.empty(),
                (owner, summary, details) -> detailsShown.add(details))));
        // inside Monocle's default 1280 x 800 headless screen: a larger stage makes its painter overflow
        stage.setWidth(1200);
        stage.setHeight(760);
        stage.show();
        model.start("demo:tinysink-gpt2", "The cat sat on the mat.");
    }

    @AfterEach
    void stop() {
        model.close();
        executor.shutdown();
    }


    @Test
    void clickingAThumbnailOpensThatHeadWithItsTitle(FxRobot robot) throws Exception {
        waitUntil(() -> robot.lookup("#thumbnail-L1-H2").tryQuery().isPresent());
        assertThat(robot.lookup(".head-thumbnail").queryAll()).hasSize(24);

        robot.clickOn("#thumbnail-L1-H2");
        WaitForAsyncUtils.waitForFxEvents();

        Label title = robot.lookup("#head-title").queryAs(Label.class);
        assertThat(title.getText()).isEqualTo("Layer 1 \u00b7 Head 2");
        assertThat(title.isVisible()).isTrue();
        TabPane tabs = (TabPane) robot.lookup(".tab-pane").query();
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("L1 H2");
        assertThat(robot.lookup("#head-details").queryAs(Label.class).getText()).startsWith("sink score ");
    }

    @Test
    void arrowKeysInTheHeadViewMoveToTheNeighbouringHead(FxRobot robot) throws Exception {
        waitUntil(() -> gridComplete(robot, model));
        robot.clickOn("#thumbnail-L0-H0");

        robot.type(KeyCode.RIGHT).type(KeyCode.DOWN);

        assertThat(robot.lookup("#head-title").queryAs(Label.class).getText()).isEqualTo("Layer 1 \u00b7 Head 1");
    }

    @Test
    void theHeadViewZoomsWithKeysFitsWithZeroAndAClickSelectsAQueryRow(FxRobot robot) throws Exception {
        waitUntil(() -> gridComplete(robot, model));
        model.head().fit();
        robot.clickOn("#thumbnail-L0-H0");
        Label zoom = robot.lookup("#zoom-level").queryAs(Label.class);
        assertThat(zoom.getText()).isEqualTo("fit");

        robot.type(KeyCode.ADD).type(KeyCode.ADD);
        assertThat(zoom.getText()).isEqualTo("\u00d71.6");
        robot.moveTo(".head-canvas").scroll(1, javafx.geometry.VerticalDirection.UP);
        assertThat(model.head().getViewport().zoom()).isNotEqualTo(1.5625);
        robot.type(KeyCode.DIGIT0);
        assertThat(zoom.getText()).isEqualTo("fit");

        robot.clickOn("#log-scale");
        assertThat(model.head().getStyle().logScale()).isTrue();
        Node canvas = robot.lookup(".head-canvas").query();
        // past the labels' margin (at most 12 + 130 + 26 px), inside the matrix
        robot.clickOn(robot.point(canvas).atPosition(javafx.geometry.Pos.TOP_LEFT)
                .atOffset(new javafx.geometry.Point2D(200, 200)));
        assertThat(model.head().getSelection()).isNotNull();
        assertThat(model.head().getSelection().query()).isTrue();
        assertThat(robot.lookup("#head-selection").queryAs(Label.class).getText()).startsWith("Selected query");
    }

    @Test
    void theMixingTabChartsFourSeriesAndTheSinksPanelProfilesTheOpenHead(FxRobot robot) throws Exception {
        waitUntil(() -> gridComplete(robot, model));
        robot.clickOn("#thumbnail-L2-H1");
        assertThat(robot.lookup("#received-title").queryAs(Label.class).getText())
                .startsWith("Received attention per key, L2 H1");

        robot.clickOn("Mixing");
        var lines = robot.lookup("#mixing-lines").queryAs(org.jfree.chart.fx.ChartViewer.class);
        assertThat(lines.getChart().getXYPlot().getDataset().getSeriesCount()).isEqualTo(4);
        assertThat(lines.getChart().getXYPlot().getDataset().getItemCount(0)).isEqualTo(4);
        var bars = robot.lookup("#mixing-composition").queryAs(org.jfree.chart.fx.ChartViewer.class);
        assertThat(bars.getChart().getCategoryPlot().getDataset().getColumnCount()).isEqualTo(model.getResult().tokens());
        var strip = robot.lookup("#token-strip").queryAs(org.sinkscope.app.ui.tokens.TokenStrip.class);
        assertThat(strip.drawnChips()).isEqualTo(model.getResult().tokens());
        assertThat(strip.chipAt(3, 9).position()).isZero(); // the first chip, top left
        assertThat(strip.chipAt(3, 9).tooltip()).contains("position 0");
    }

    @Test
    void typingEpsilonReJudgesTheSinkRateAndOrderingBySinkScoreReordersTheGrid(FxRobot robot) throws Exception {
        waitUntil(() -> gridComplete(robot, model));
        robot.doubleClickOn("#epsilon").eraseText(5).write("0.8");
        assertThat(robot.lookup("#sink-rate").queryAs(Label.class).getText()).endsWith("s > 0.8");
        assertThat(model.sinks().getSinkRate()).isEqualTo(model.getResult().analysis().sinks().sinkRate(0.8));

        robot.clickOn("#order-score");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.grid().isBySinkScore()).isTrue();
        var thumbs = robot.lookup(".head-thumbnail").queryAll().stream()
                .filter(n -> n.getId().startsWith("thumbnail-L0-")).toList();
        assertThat(thumbs).hasSize(6);
        var first = model.grid().displayed(0, 0);
        for (int h = 0; h < 6; h++) {
            assertThat(first.sinkScore()).isGreaterThanOrEqualTo(model.grid().cell(0, h).sinkScore());
        }
    }

    @Test
    void ctrlEnterInThePromptRunsTheNewPrompt(FxRobot robot) throws Exception {
        waitUntil(() -> gridComplete(robot, model));
        robot.interact(() -> robot.lookup("#prompt").queryAs(javafx.scene.control.TextArea.class).setText("A dog ran."));

        robot.clickOn("#prompt").press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitUntil(() -> model.getResult().request().prompt().equals("A dog ran.") && !model.isRunning());

        assertThat(robot.lookup("#prompt").queryAs(javafx.scene.control.TextArea.class).getText()).isEqualTo("A dog ran.");
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("demo:tinysink-gpt2");
    }

    @Test
    void aBadModelFileShowsTheErrorBarAndKeepsTheGrid(FxRobot robot) throws Exception {
        waitUntil(() -> gridComplete(robot, model));

        robot.interact(() -> model.openModel("/no/such/model.onnx"));
        waitUntil(() -> !model.isRunning());

        Node bar = robot.lookup("#error-bar").query();
        assertThat(bar.isVisible()).isTrue();
        assertThat(robot.lookup("#error-message").queryAs(Label.class).getText())
                .contains("/no/such/model.onnx").doesNotContain("\n");
        assertThat(robot.lookup(".head-thumbnail").queryAll()).hasSize(24);
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("Showing the last result");

        robot.clickOn("#error-details");
        assertThat(detailsShown).hasSize(1);
        assertThat(detailsShown.get(0)).contains("Model: /no/such/model.onnx");
    }

    @Test
    void cancellingALongRunKeepsTheLastResultAndTheNextRunSucceeds(FxRobot robot) throws Exception {
        waitUntil(() -> gridComplete(robot, model) && !model.isRunning());
        var first = model.getResult();
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        gate.set(held);
        String longPrompt = "The quick brown fox jumps over the lazy dog. ".repeat(25);
        robot.interact(() -> robot.lookup("#prompt").queryAs(javafx.scene.control.TextArea.class).setText(longPrompt));

        robot.clickOn("#run-button");
        assertThat(model.isRunning()).isTrue();
        assertThat(robot.lookup("#run-progress").query().isVisible()).isTrue();
        robot.clickOn("#cancel-button");

        assertThat(model.isRunning()).isFalse();
        assertThat(robot.lookup("#run-progress").query().isVisible()).isFalse();
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("Cancelled.");
        gate.set(new java.util.concurrent.CountDownLatch(0));
        held.countDown(); // the cancelled run now goes through the model; its result must be dropped
        Thread.sleep(1500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.getResult()).isSameAs(first);
        assertThat(robot.lookup(".head-thumbnail").queryAll()).hasSize(24);

        robot.clickOn("#run-button");
        waitUntil(() -> !model.isRunning());
        assertThat(model.getError()).isEmpty();
        assertThat(model.getResult().request().prompt()).isEqualTo(longPrompt);
    }
}
