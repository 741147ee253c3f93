package org.sinkscope.app.ui.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.stage.Window;
import org.sinkscope.app.figure.View;

/** Dialogs that answer with the files a test set, keeping the defaults the window offered. */
final class RecordingDialogs implements ExportDialogs {
    volatile Path openFile;
    volatile Path saveFile;
    volatile Path figureFile;
    volatile Path dataFile;
    volatile DataRequest.Kind dataKind = DataRequest.Kind.METRICS_CSV;
    final List<FigureRequest> figureDefaults = new CopyOnWriteArrayList<>();
    final List<List<View>> offeredViews = new CopyOnWriteArrayList<>();

    @Override
    public Optional<Path> openAnalysis(Window owner) {
        return Optional.ofNullable(openFile);
    }

    @Override
    public Optional<Path> saveAnalysis(Window owner, String suggestedName) {
        return Optional.ofNullable(saveFile);
    }

    @Override
    public Optional<FigureRequest> exportFigure(Window owner, FigureRequest defaults, List<View> views) {
        figureDefaults.add(defaults);
        offeredViews.add(views);
        return Optional.ofNullable(figureFile).map(defaults::withFile);
    }

    @Override
    public Optional<DataRequest> exportData(Window owner, DataRequest defaults) {
        return Optional.ofNullable(dataFile).map(f -> new DataRequest(dataKind, f, defaults.layer(), defaults.head()));
    }
}
