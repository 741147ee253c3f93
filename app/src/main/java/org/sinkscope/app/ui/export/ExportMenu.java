package org.sinkscope.app.ui.export;

import java.util.function.Supplier;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;

/** The window's menu bar: File (open, save, export, quit) and Edit (copy figure). */
public final class ExportMenu extends MenuBar {
    public static final KeyCombination OPEN_MODEL_KEYS = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination SAVE_KEYS = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination EXPORT_FIGURE_KEYS = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination COPY_FIGURE_KEYS = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final ExportViewModel model;
    private final ExportDialogs dialogs;
    private final ImageClipboard clipboard;
    private final Supplier<Window> owner;

    /**
     * @param openModel what File › Open model… does (the window's model chooser)
     * @param quit      what File › Quit does
     */
    public ExportMenu(ExportViewModel model, ExportDialogs dialogs, ImageClipboard clipboard, Supplier<Window> owner,
            Runnable openModel, Runnable quit) {
        this.model = model;
        this.dialogs = dialogs;
        this.clipboard = clipboard;
        this.owner = owner;
        setId("menu-bar");
        createView(openModel, quit);
    }

    private void createView(Runnable openModel, Runnable quit) {
        var noResult = model.resultProperty().isNull();
        var cannotWrite = noResult.or(model.busyProperty());

        MenuItem open = item("menu-open-model", "Open model\u2026", OPEN_MODEL_KEYS);
        open.setOnAction(e -> openModel.run());
        MenuItem openAnalysis = item("menu-open-analysis", "Open analysis\u2026", null);
        openAnalysis.setOnAction(e -> dialogs.openAnalysis(owner.get()).ifPresent(model::openAnalysis));
        openAnalysis.disableProperty().bind(model.busyProperty());
        MenuItem save = item("menu-save-analysis", "Save analysis\u2026", SAVE_KEYS);
        save.setOnAction(e -> dialogs.saveAnalysis(owner.get(), model.suggestedAnalysisName())
                .ifPresent(model::saveAnalysis));
        save.disableProperty().bind(cannotWrite);
        MenuItem figure = item("menu-export-figure", "Export figure\u2026", EXPORT_FIGURE_KEYS);
        figure.setOnAction(e -> dialogs.exportFigure(owner.get(), model.figureDefaults(), model.views())
                .ifPresent(model::exportFigure));
        figure.disableProperty().bind(cannotWrite);
        MenuItem data = item("menu-export-data", "Export data\u2026", null);
        data.setOnAction(e -> dialogs.exportData(owner.get(), model.dataDefaults()).ifPresent(model::exportData));
        data.disableProperty().bind(cannotWrite);
        MenuItem quitItem = item("menu-quit", "Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quitItem.setOnAction(e -> quit.run());
        Menu file = new Menu("_File");
        file.setId("menu-file");
        file.getItems().addAll(open, openAnalysis, save, new SeparatorMenuItem(), figure, data,
                new SeparatorMenuItem(), quitItem);

        MenuItem copy = item("menu-copy-figure", "Copy figure", COPY_FIGURE_KEYS);
        copy.setOnAction(e -> model.copyFigure(clipboard));
        copy.disableProperty().bind(noResult);
        Menu edit = new Menu("_Edit");
        edit.setId("menu-edit");
        edit.getItems().add(copy);
        getMenus().addAll(file, edit);
    }

    private static MenuItem item(String id, String text, KeyCombination keys) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        if (keys != null) {
            m.setAccelerator(keys);
        }
        return m;
    }
}
