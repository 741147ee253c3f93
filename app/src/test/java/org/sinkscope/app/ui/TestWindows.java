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
}
