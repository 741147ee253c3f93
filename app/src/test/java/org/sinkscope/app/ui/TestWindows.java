package org.sinkscope.app.ui;

import java.util.Optional;
import javafx.stage.Stage;
import org.sinkscope.app.ui.main.MainView;
import org.sinkscope.app.ui.main.MainViewModel;
import org.sinkscope.app.ui.run.ModelRunner;
import org.sinkscope.app.ui.task.FxBackgroundExecutor;
import org.sinkscope.runtime.source.DemoCatalog;

/** The main window as the app builds it (real runner, real worker), without native dialogs: for GUI tests. */
public final class TestWindows {
    private TestWindows() {
    }

    /** Shows the window on {@code stage} at 1200 x 760 and returns its view model. Call on the FX thread. */
    public static MainViewModel show(Stage stage, FxBackgroundExecutor executor) {
        MainViewModel model = new MainViewModel(executor, new ModelRunner(), DemoCatalog.standard().list());
        stage.setScene(SinkScopeApp.scene(new MainView(model, owner -> Optional.empty(), (owner, s, d) -> { })));
        stage.setWidth(1200);
        stage.setHeight(760);
        stage.show();
        return model;
    }

    /** How long a window test waits for a run and its drawing. */
    public static final int WAIT_S = 60;

    /** Waits for a condition checked on the FX thread, which is the only thread that may walk the scene graph. */
    public static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        org.testfx.util.WaitForAsyncUtils.waitFor(WAIT_S, java.util.concurrent.TimeUnit.SECONDS,
                () -> org.testfx.util.WaitForAsyncUtils.asyncFx(condition).get());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    /** Every head of the current result has its thumbnail (the grid adds a layer's row per FX turn). */
    public static boolean gridComplete(org.testfx.api.FxRobot robot, MainViewModel model) {
        var r = model.getResult();
        return r != null && robot.lookup(".head-thumbnail").queryAll().size() == r.layers() * r.heads();
    }
}
