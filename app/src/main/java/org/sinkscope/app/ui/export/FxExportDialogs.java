package org.sinkscope.app.ui.export;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.sinkscope.app.figure.View;

/** The platform's file dialogs, with a small form before figure and data exports. */
public final class FxExportDialogs implements ExportDialogs {
    private File lastFolder;

    @Override
    public Optional<Path> openAnalysis(Window owner) {
        FileChooser c = chooser("Open a saved analysis", null);
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Saved analyses (*.npz)", "*.npz"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        return remember(c.showOpenDialog(owner));
    }

    @Override
    public Optional<Path> saveAnalysis(Window owner, String suggestedName) {
        FileChooser c = chooser("Save the analysis", suggestedName);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Saved analyses (*.npz)", "*.npz"));
        return remember(c.showSaveDialog(owner));
    }

    @Override
    public Optional<FigureRequest> exportFigure(Window owner, FigureRequest defaults, List<View> views) {
        ComboBox<View> view = new ComboBox<>(FXCollections.observableArrayList(views));
        view.setId("export-view");
        view.getSelectionModel().select(views.contains(defaults.view()) ? defaults.view() : views.get(0));
        ComboBox<String> format = new ComboBox<>(FXCollections.observableArrayList("png", "svg", "pdf"));
        format.setId("export-format");
        format.getSelectionModel().select("png");
        ComboBox<Integer> dpi = new ComboBox<>(FXCollections.observableArrayList(150, 300, 600));
        dpi.setId("export-dpi");
        dpi.getSelectionModel().select(Integer.valueOf(defaults.dpi()));
        dpi.disableProperty().bind(format.valueProperty().isNotEqualTo("png"));
        Spinner<Double> width = new Spinner<>(20.0, 1000.0, defaults.widthMm(), 5.0);
        width.setId("export-width");
        width.setEditable(true);
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.setPadding(new Insets(12));
        form.addRow(0, new Label("View"), view);
        form.addRow(1, new Label("Format"), format);
        form.addRow(2, new Label("Resolution (PNG, dpi)"), dpi);
        form.addRow(3, new Label("Width (mm)"), width);
        form.add(new Label("Single column \u2248 85 mm, full page width \u2248 180 mm."), 0, 4, 2, 1);
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Export figure");
        d.getDialogPane().setContent(form);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (d.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
            return Optional.empty();
        }
        String ext = format.getValue();
        View v = view.getValue();
        String suggested = defaults.file().getFileName().toString();
        String defaultTail = "-" + defaults.view().toString().replace(':', '-') + ".png";
        String base = suggested.endsWith(defaultTail) ? suggested.substring(0, suggested.length() - defaultTail.length())
                : "sinkscope";
        String name = base + "-" + v.toString().replace(':', '-') + "." + ext;
        FileChooser c = chooser("Export figure", name);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(Locale.ROOT) + " (*." + ext + ")",
                "*." + ext));
        return remember(c.showSaveDialog(owner)).map(p -> new FigureRequest(v, p, dpi.getValue(), width.getValue()));
    }

    @Override
    public Optional<DataRequest> exportData(Window owner, DataRequest defaults) {
        ComboBox<DataRequest.Kind> kind = new ComboBox<>(FXCollections.observableArrayList(DataRequest.Kind.values()));
        kind.setId("export-kind");
        kind.getSelectionModel().select(defaults.kind());
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.setPadding(new Insets(12));
        form.addRow(0, new Label("Data"), kind);
        form.add(new Label("Current head: L" + defaults.layer() + " H" + defaults.head()), 0, 1, 2, 1);
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Export data");
        d.getDialogPane().setContent(form);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (d.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
            return Optional.empty();
        }
        DataRequest.Kind k = kind.getValue();
        String base = defaults.file().getFileName().toString().replaceFirst("-metrics\\.csv$", "");
        String suffix = switch (k) {
            case ATTENTION_ALL -> "-attention";
            case ATTENTION_LAYER -> "-attention-L" + defaults.layer();
            case ATTENTION_HEAD -> "-attention-L" + defaults.layer() + "H" + defaults.head();
            case METRICS_CSV -> "-metrics";
            case REPORT_JSON -> "-report";
        };
        FileChooser c = chooser("Export data", base + suffix + k.extension());
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(k.label(), "*" + k.extension()));
        return remember(c.showSaveDialog(owner)).map(p -> new DataRequest(k, p, defaults.layer(), defaults.head()));
    }

    private FileChooser chooser(String title, String name) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        if (name != null) {
            c.setInitialFileName(name);
        }
        if (lastFolder != null && lastFolder.isDirectory()) {
            c.setInitialDirectory(lastFolder);
        }
        return c;
    }

    private Optional<Path> remember(File f) {
        if (f == null) {
            return Optional.empty();
        }
        lastFolder = f.getParentFile();
        return Optional.of(f.toPath());
    }
}
