package org.sinkscope.app.ui.main;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** Asks the user for a model file; a seam so GUI tests never open a native dialog. */
@FunctionalInterface
public interface ModelFileChooser {
    Optional<Path> chooseModel(Window owner);
}
