package org.sinkscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.sinkscope.app.ui.task.FxBackgroundExecutor;
import org.sinkscope.runtime.source.DemoCatalog;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless (Monocle), with the production executor: runs really are off the FX thread. */
@ExtendWith(ApplicationExtension.class)
class SinkScopeWindowTest {
    private static final int WAIT_S = 60;

    private FxBackgroundExecutor executor;
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        executor = new FxBackgroundExecutor();
        model = new MainViewModel(executor, new ModelRunner(), DemoCatalog.standard().list());
        stage.setScene(SinkScopeApp.scene(new MainView(model, owner -> Optional.empty())));
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

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
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
        waitUntil(() -> robot.lookup("#thumbnail-L0-H0").tryQuery().isPresent());
        robot.clickOn("#thumbnail-L0-H0");

        robot.type(KeyCode.RIGHT).type(KeyCode.DOWN);

        assertThat(robot.lookup("#head-title").queryAs(Label.class).getText()).isEqualTo("Layer 1 \u00b7 Head 1");
    }

    @Test
    void ctrlEnterInThePromptRunsTheNewPrompt(FxRobot robot) throws Exception {
        waitUntil(() -> robot.lookup("#thumbnail-L0-H0").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#prompt").queryAs(javafx.scene.control.TextArea.class).setText("A dog ran."));

        robot.clickOn("#prompt").press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitUntil(() -> model.getResult().request().prompt().equals("A dog ran.") && !model.isRunning());

        assertThat(robot.lookup("#prompt").queryAs(javafx.scene.control.TextArea.class).getText()).isEqualTo("A dog ran.");
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("demo:tinysink-gpt2");
    }

    @Test
    void aBadModelFileShowsTheErrorBarAndKeepsTheGrid(FxRobot robot) throws Exception {
        waitUntil(() -> robot.lookup("#thumbnail-L0-H0").tryQuery().isPresent());

        robot.interact(() -> model.openModel("/no/such/model.onnx"));
        waitUntil(() -> !model.isRunning());

        Node bar = robot.lookup("#error-bar").query();
        assertThat(bar.isVisible()).isTrue();
        assertThat(robot.lookup("#error-message").queryAs(Label.class).getText())
                .contains("/no/such/model.onnx").doesNotContain("\n");
        assertThat(robot.lookup(".head-thumbnail").queryAll()).hasSize(24);
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("Showing the last result");
    }
}
