package org.sinkscope.app.ui.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;
import org.sinkscope.app.figure.View;

/** The questions the File menu asks; a seam so GUI tests never open a native dialog. Empty means cancelled. */
public interface ExportDialogs {
    /** An analysis (.npz) to open. */
    Optional<Path> openAnalysis(Window owner);

    /** Where to save the analysis, starting from {@code suggestedName}. */
    Optional<Path> saveAnalysis(Window owner, String suggestedName);

    /** The figure to export: {@code defaults} holds the current view and a suggested file name. */
    Optional<FigureRequest> exportFigure(Window owner, FigureRequest defaults, List<View> views);

    /** The data to export: {@code defaults} holds the current head and a suggested file name. */
    Optional<DataRequest> exportData(Window owner, DataRequest defaults);
}
