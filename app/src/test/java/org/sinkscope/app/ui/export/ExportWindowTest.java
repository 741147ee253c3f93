package org.sinkscope.app.ui.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sinkscope.app.ui.TestWindows.gridComplete;
import static org.sinkscope.app.ui.TestWindows.waitUntil;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinkscope.app.cli.SinkScopeCli;
import org.sinkscope.app.figure.View;
import org.sinkscope.app.ui.SinkScopeApp;
import org.sinkscope.app.ui.main.MainView;
import org.sinkscope.app.ui.main.MainViewModel;
import org.sinkscope.app.ui.run.ModelRunner;
import org.sinkscope.app.ui.task.FxBackgroundExecutor;
import org.sinkscope.runtime.source.DemoCatalog;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window's File and Edit menus, headless, with the production executor. */
@ExtendWith(ApplicationExtension.class)
class ExportWindowTest {
    private static final String PROMPT = "The cat sat on the mat.";

    @TempDir
    Path dir;

    private FxBackgroundExecutor executor;
    private MainViewModel model;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final List<BufferedImage> copied = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        executor = new FxBackgroundExecutor();
        model = new MainViewModel(executor, new ModelRunner(), DemoCatalog.standard().list());
        stage.setScene(SinkScopeApp.scene(new MainView(model, owner -> Optional.empty(), (owner, s, d) -> { },
                dialogs, copied::add)));
        stage.setWidth(1200);
        stage.setHeight(760);
        stage.show();
        model.start("demo:tinysink-gpt2", PROMPT);
    }

    @AfterEach
    void stop() {
        model.close();
        executor.shutdown();
    }


    private static int cli(String... args) {
        return SinkScopeCli.execute(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void ctrlEOnAnOpenHeadWritesTheSamePngAsSinkscopeFigure(FxRobot robot) throws Exception {
        waitUntil(() -> robot.lookup("#thumbnail-L1-H2").tryQuery().isPresent());
        robot.clickOn("#thumbnail-L1-H2");
        WaitForAsyncUtils.waitForFxEvents();
        Path fromWindow = dir.resolve("window.png");
        dialogs.figureFile = fromWindow;

        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        waitUntil(() -> fromWindow.equals(model.export().lastWrittenProperty().get()));

        assertThat(dialogs.figureDefaults).hasSize(1);
        assertThat(dialogs.figureDefaults.get(0).view()).isEqualTo(View.parse("head:1.2"));
        assertThat(dialogs.offeredViews.get(0)).extracting(View::toString)
                .containsExactly("grid", "head:1.2", "sinks", "mixing", "layer:1");
        Path fromCli = dir.resolve("cli.png");
        assertThat(cli("figure", "demo:tinysink-gpt2", "--prompt", PROMPT, "--view", "head:1.2", "--out",
                fromCli.toString())).isZero();
        assertThat(Files.readAllBytes(fromWindow)).isEqualTo(Files.readAllBytes(fromCli));
        assertThat(model.getError()).isEmpty();
    }

    @Test
    void ctrlSSavesTheAnalysisThatSinkscopeFigureThenDrawsLikeTheWindow(FxRobot robot) throws Exception {
        waitUntil(() -> gridComplete(robot, model));
        Path saved = dir.resolve("run.npz");
        dialogs.saveFile = saved;

        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(() -> saved.equals(model.export().lastWrittenProperty().get()));

        Path fromSaved = dir.resolve("saved.svg");
        Path fromModel = dir.resolve("model.svg");
        assertThat(cli("figure", saved.toString(), "--view", "grid", "--out", fromSaved.toString())).isZero();
        assertThat(cli("figure", "demo:tinysink-gpt2", "--prompt", PROMPT, "--view", "grid", "--out",
                fromModel.toString())).isZero();
        assertThat(Files.readString(fromSaved)).isEqualTo(Files.readString(fromModel));
    }

    @Test
    void copyFigurePutsTheCurrentViewOnTheClipboardAndQuitIsInTheFileMenu(FxRobot robot) throws Exception {
        waitUntil(() -> gridComplete(robot, model));

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> !copied.isEmpty());

        assertThat(copied.get(0).getWidth()).isEqualTo((int) Math.round(180 / 25.4 * 150));
        robot.clickOn("#menu-file");
        assertThat(robot.lookup("Quit").tryQuery()).isPresent();
        assertThat(robot.lookup("Export figure\u2026").tryQuery()).isPresent();
        robot.type(KeyCode.ESCAPE);
    }
}
