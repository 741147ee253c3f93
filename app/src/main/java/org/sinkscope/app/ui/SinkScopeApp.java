package org.sinkscope.app.ui;

import java.util.Objects;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.sinkscope.app.ui.main.FxModelFileChooser;
import org.sinkscope.app.ui.main.MainView;
import org.sinkscope.app.ui.main.MainViewModel;
import org.sinkscope.app.ui.run.ModelRunner;
import org.sinkscope.app.ui.task.FxBackgroundExecutor;
import org.sinkscope.runtime.source.DemoCatalog;

/**
 * The SinkScope window. {@link #open(String, String)} starts it (from {@code sinkscope gui} and
 * from {@code ./sinkscope} without arguments); with no model it opens the default demo on its
 * demo prompt and runs it at once, so a sink is on screen a few seconds after launch.
 *
 * <p>Not a main class itself: the java launcher refuses a main class that extends Application
 * when JavaFX sits on the class path; {@link GuiMain} is the one to run.
 */
public final class SinkScopeApp extends Application {
    private static volatile String initialModel;
    private static volatile String initialPrompt;

    private FxBackgroundExecutor executor;
    private MainViewModel model;
    private org.sinkscope.app.ui.settings.PrefsSettingsStore settings;
    private Stage stage;

    private static volatile Thread fxThread;

    /**
     * Launches the window and returns when it is closed and JavaFX has finished shutting down, so
     * that a {@code System.exit} after it does not race the toolkit's own exit (Monocle then prints
     * a stack trace). Call once per JVM, as JavaFX allows.
     */
    public static void open(String modelSpecOrNull, String promptOrNull) {
        initialModel = modelSpecOrNull;
        initialPrompt = promptOrNull;
        Application.launch(SinkScopeApp.class);
        Thread fx = fxThread;
        if (fx != null) {
            try {
                fx.join(TOOLKIT_EXIT_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final long TOOLKIT_EXIT_WAIT_MILLIS = 5_000;

    @Override
    public void start(Stage stage) {
        fxThread = Thread.currentThread();
        this.stage = stage;
        executor = new FxBackgroundExecutor();
        settings = new org.sinkscope.app.ui.settings.PrefsSettingsStore();
        model = new MainViewModel(executor, new ModelRunner(), DemoCatalog.standard().list(), settings);
        stage.titleProperty().bind(model.resultProperty().map(r -> "SinkScope \u2014 " + r.modelName())
                .orElse("SinkScope"));
        stage.setScene(scene(new MainView(model, new FxModelFileChooser())));
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        // the remembered size, never larger than this screen, never so small that the panels overlap
        stage.setWidth(Math.max(1000, Math.min(settings.getDouble(SettingsKeys.WIDTH, 1440), screen.getWidth())));
        stage.setHeight(Math.max(640, Math.min(settings.getDouble(SettingsKeys.HEIGHT, 900), screen.getHeight())));
        stage.show();
        model.start(initialModel, initialPrompt);
    }

    /** The window's scene with SinkScope's stylesheet; GUI tests build theirs the same way. */
    public static Scene scene(Parent root) {
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Objects.requireNonNull(SinkScopeApp.class.getResource("sinkscope.css"),
                "sinkscope.css is missing from the application").toExternalForm());
        return scene;
    }

    private static final class SettingsKeys {
        static final String WIDTH = org.sinkscope.app.ui.settings.SettingsStore.WINDOW_WIDTH;
        static final String HEIGHT = org.sinkscope.app.ui.settings.SettingsStore.WINDOW_HEIGHT;
    }

    @Override
    public void stop() {
        if (settings != null && stage != null && !stage.isMaximized() && !stage.isFullScreen()) {
            settings.put(SettingsKeys.WIDTH, Double.toString(stage.getWidth()));
            settings.put(SettingsKeys.HEIGHT, Double.toString(stage.getHeight()));
        }
        if (settings != null) {
            settings.flush();
        }
        if (model != null) {
            model.close();
        }
        if (executor != null) {
            // the window is already gone: waiting here (for a cancelled run to stop, well under a
            // second) freezes nothing the user sees, and lets the JVM exit with no native code running
            executor.shutdownAndWait(CLOSE_WAIT_MILLIS);
        }
    }

    private static final long CLOSE_WAIT_MILLIS = 15_000;
}
