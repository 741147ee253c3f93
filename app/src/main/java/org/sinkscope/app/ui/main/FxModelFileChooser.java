package org.sinkscope.app.ui.main;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The platform's file dialog, filtered to .onnx files, starting where the last choice was made. */
public final class FxModelFileChooser implements ModelFileChooser {
    private File lastFolder;

    @Override
    public Optional<Path> chooseModel(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open an ONNX model");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("ONNX models (*.onnx)", "*.onnx"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        if (lastFolder != null && lastFolder.isDirectory()) {
            chooser.setInitialDirectory(lastFolder);
        }
        File file = chooser.showOpenDialog(owner);
        if (file == null) {
            return Optional.empty();
        }
        lastFolder = file.getParentFile();
        return Optional.of(file.toPath());
    }
}
