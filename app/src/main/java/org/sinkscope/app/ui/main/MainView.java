package org.sinkscope.app.ui.main;

import java.io.File;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.sinkscope.app.ui.grid.GridView;
import org.sinkscope.app.ui.head.HeadView;
import org.sinkscope.app.ui.sinks.SinksView;
import org.sinkscope.runtime.source.DemoModel;
import org.sinkscope.runtime.source.ModelSource;

/**
 * The window's layout: models on the left, the prompt and status on top, the heads grid and the
 * open head as tabs in the middle, the sinks panel on the right. Wires controls to the view
 * model and nothing else.
 */
public final class MainView extends BorderPane {
    private static final KeyCombination RUN_KEYS = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    private final MainViewModel model;
    private final ModelFileChooser fileChooser;
    private final ErrorDetailsDialog detailsDialog;
    private final TabPane tabs = new TabPane();
    private final Tab gridTab = new Tab("Heads");
    private final Tab headTab = new Tab("Head");
    private final Tab mixingTab = new Tab("Mixing");

    public MainView(MainViewModel model, ModelFileChooser fileChooser) {
        this(model, fileChooser, new FxErrorDetailsDialog());
    }

    public MainView(MainViewModel model, ModelFileChooser fileChooser, ErrorDetailsDialog detailsDialog) {
        this(model, fileChooser, detailsDialog, new org.sinkscope.app.ui.export.FxExportDialogs(),
                new org.sinkscope.app.ui.export.FxImageClipboard());
    }

    /** With the File menu's dialogs and the clipboard given (tests replace both). */
    public MainView(MainViewModel model, ModelFileChooser fileChooser, ErrorDetailsDialog detailsDialog,
            org.sinkscope.app.ui.export.ExportDialogs exportDialogs, org.sinkscope.app.ui.export.ImageClipboard clipboard) {
        this.model = model;
        this.fileChooser = fileChooser;
        this.detailsDialog = detailsDialog;
        createView();
        initListeners();
        installMenuBar(exportDialogs, clipboard);
    }

    /** File and Edit menus above everything; the export's "current view" follows the tab in front. */
    private void installMenuBar(org.sinkscope.app.ui.export.ExportDialogs dialogs,
            org.sinkscope.app.ui.export.ImageClipboard clipboard) {
        org.sinkscope.app.ui.export.ExportMenu menu = new org.sinkscope.app.ui.export.ExportMenu(model.export(), dialogs,
                clipboard, () -> getScene() == null ? null : getScene().getWindow(), this::chooseAndOpenModel,
                () -> getScene().getWindow().hide());
        setTop(new VBox(menu, getTop()));
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> model.export().paneProperty().set(
                tab == headTab ? org.sinkscope.app.ui.export.ExportViewModel.Pane.HEAD
                : tab == mixingTab ? org.sinkscope.app.ui.export.ExportViewModel.Pane.MIXING
                : tab == gridTab ? org.sinkscope.app.ui.export.ExportViewModel.Pane.GRID
                : org.sinkscope.app.ui.export.ExportViewModel.Pane.OTHER));
    }

    private void chooseAndOpenModel() {
        fileChooser.chooseModel(getScene().getWindow()).ifPresent(p -> model.openModel(p.toString()));
    }

    private void createView() {
        getStyleClass().add("main-view");
        setLeft(modelPanel());
        setTop(promptPanel());

        gridTab.setId("grid-tab");
        GridView grid = new GridView(model.grid(), this::openHead);
        VBox.setVgrow(grid, Priority.ALWAYS);
        gridTab.setContent(new VBox(new org.sinkscope.app.ui.tokens.TokenStrip(model.tokens()), gridToolbar(), grid));
        headTab.setId("head-tab");
        headTab.setContent(new HeadView(model.head()));
        headTab.textProperty().bind(model.head().openProperty().flatMap(open -> open
                ? model.head().titleProperty().map(t -> t.replace("Layer ", "L").replace(" \u00b7 Head ", " H"))
                : new javafx.beans.property.SimpleStringProperty("Head")));
        mixingTab.setId("mixing-tab");
        mixingTab.setContent(new org.sinkscope.app.ui.mixing.MixingView(model.mixing()));
        tabs.getTabs().addAll(gridTab, headTab, mixingTab, experimentsTab());
        installTour();
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);

        SinksView sinks = new SinksView(model.sinks(), this::openHead);
        // a fixed width, so the grid does not jump when a model with more heads widens the matrix (it scrolls)
        sinks.setPrefWidth(440);
        sinks.setMinWidth(440);
        sinks.setMaxWidth(440);
        setRight(sinks);
    }

    private HBox gridToolbar() {
        javafx.scene.control.ToggleGroup order = new javafx.scene.control.ToggleGroup();
        javafx.scene.control.RadioButton byPosition = new javafx.scene.control.RadioButton("head index");
        byPosition.setId("order-position");
        byPosition.setToggleGroup(order);
        javafx.scene.control.RadioButton byScore = new javafx.scene.control.RadioButton("sink score");
        byScore.setId("order-score");
        byScore.setToggleGroup(order);
        byScore.setTooltip(new Tooltip("Each layer's heads from the highest sink score down"));
        order.selectToggle(model.grid().isBySinkScore() ? byScore : byPosition);
        order.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t != null) {
                model.grid().bySinkScoreProperty().set(t == byScore);
            }
        });
        model.grid().bySinkScoreProperty().addListener((obs, old, by) -> order.selectToggle(by ? byScore : byPosition));
        Label label = new Label("Order heads by");
        HBox bar = new HBox(10, label, byPosition, byScore);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 0, 12));
        return bar;
    }

    private VBox modelPanel() {
        Label title = new Label("Models");
        title.getStyleClass().add("section-title");
        ListView<DemoModel> list = new ListView<>(model.demos());
        list.setId("demo-list");
        list.setCellFactory(v -> new DemoCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        // the list follows the model in use, and picking a demo switches to it
        model.modelSpecProperty().addListener((obs, old, spec) -> selectDemoOf(list, spec));
        selectDemoOf(list, model.getModelSpec());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, demo) -> model.selectDemo(demo));

        Button open = new Button("Open model\u2026");
        open.setId("open-model");
        open.setMaxWidth(Double.MAX_VALUE);
        open.setTooltip(new Tooltip("Open an .onnx file (its tokenizer.json and config.json beside it); or drop one on the window"));
        open.setOnAction(e -> fileChooser.chooseModel(getScene().getWindow())
                .ifPresent(p -> model.openModel(p.toString())));

        javafx.scene.control.MenuButton recent = new javafx.scene.control.MenuButton("Recent models");
        recent.setId("recent-models");
        recent.setMaxWidth(Double.MAX_VALUE);
        Runnable fillRecent = () -> {
            recent.getItems().setAll(model.recentModels().stream().map(spec -> {
                javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(spec);
                item.setMnemonicParsing(false);
                item.setOnAction(e -> model.openModel(spec));
                return item;
            }).toList());
            recent.setDisable(recent.getItems().isEmpty());
        };
        model.recentModels().addListener((javafx.collections.ListChangeListener<String>) c -> fillRecent.run());
        fillRecent.run();

        Label current = new Label();
        current.getStyleClass().add("hint");
        current.setWrapText(true);
        current.textProperty().bind(model.modelSpecProperty().map(s -> s.isEmpty() ? "" : "In use: " + s));

        Button tour = new Button("Guided tour");
        tour.setId("tour-start");
        tour.setMaxWidth(Double.MAX_VALUE);
        tour.setTooltip(new Tooltip("A few steps over the bundled models: what a sink is, and what happens without BOS."
                + " F5 toggles presentation mode."));
        tour.setOnAction(e -> model.tour().start());
        VBox panel = new VBox(8, title, list, open, recent, current, tour);
        panel.getStyleClass().add("model-panel");
        panel.setPadding(new Insets(10));
        panel.setPrefWidth(230);
        return panel;
    }

    private static void selectDemoOf(ListView<DemoModel> list, String spec) {
        for (DemoModel d : list.getItems()) {
            if ((ModelSource.DEMO_PREFIX + d.name()).equals(spec)) {
                list.getSelectionModel().select(d);
                return;
            }
        }
        list.getSelectionModel().clearSelection();
    }

    private VBox promptPanel() {
        TextArea prompt = new TextArea();
        prompt.setId("prompt");
        prompt.setWrapText(true);
        prompt.setPrefRowCount(3);
        prompt.setPromptText("Type a prompt; Ctrl+Enter runs it");
        prompt.textProperty().bindBidirectional(model.promptProperty());
        HBox.setHgrow(prompt, Priority.ALWAYS);

        Button run = new Button("Run");
        run.setId("run-button");
        run.getStyleClass().add("run-button");
        run.setDefaultButton(false);
        run.setMaxWidth(Double.MAX_VALUE);
        run.setTooltip(new Tooltip("Run the prompt (Ctrl+Enter)"));
        run.setOnAction(e -> model.run());

        CheckBox bos = new CheckBox("Prepend BOS");
        bos.setId("bos");
        bos.setTooltip(new Tooltip("Put the model's beginning-of-sequence token first, as in training"));
        bos.selectedProperty().bindBidirectional(model.withBosProperty());

        Button cancel = new Button("Cancel");
        cancel.setId("cancel-button");
        cancel.setMaxWidth(Double.MAX_VALUE);
        cancel.setTooltip(new Tooltip("Stop this run and keep showing the last result (Esc)."));
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());

        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("run-progress");
        busy.setPrefSize(22, 22);
        busy.setMinSize(22, 22);
        busy.visibleProperty().bind(model.runningProperty());
        HBox runRow = new HBox(6, run, cancel, busy);
        runRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(run, Priority.ALWAYS);
        HBox.setHgrow(cancel, Priority.ALWAYS);

        VBox actions = new VBox(8, runRow, bos);
        actions.setMinWidth(200);
        HBox row = new HBox(10, prompt, actions);

        Label status = new Label();
        status.setId("status");
        status.getStyleClass().add("status");
        status.textProperty().bind(model.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);

        VBox top = new VBox(6, row, errorBar(), status);
        top.getStyleClass().add("prompt-panel");
        top.setPadding(new Insets(10, 12, 8, 12));
        return top;
    }

    /** A red one-line bar that shows while there is an error; the window stays usable around it. */
    private HBox errorBar() {
        Label message = new Label();
        message.setId("error-message");
        message.textProperty().bind(model.errorProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        message.setTooltip(new Tooltip());
        message.getTooltip().textProperty().bind(model.errorProperty());
        HBox.setHgrow(message, Priority.ALWAYS);
        Button details = new Button("Details\u2026");
        details.setId("error-details");
        details.getStyleClass().add("details");
        details.setTooltip(new Tooltip("The full message, with what was run"));
        details.setOnAction(e -> detailsDialog.show(getScene() == null ? null : getScene().getWindow(),
                model.getError(), model.getErrorDetails()));
        Button dismiss = new Button("\u2715");
        dismiss.getStyleClass().add("dismiss");
        dismiss.setTooltip(new Tooltip("Dismiss"));
        dismiss.setOnAction(e -> model.dismissError());
        HBox bar = new HBox(8, message, details, dismiss);
        bar.setId("error-bar");
        bar.getStyleClass().add("error-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.visibleProperty().bind(model.errorProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private void initListeners() {
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (RUN_KEYS.match(e)) {
                model.run();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && model.isRunning()) {
                model.cancel();
                e.consume();
            }
        });
        // drop an .onnx file or a model folder anywhere on the window to open it
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean done = false;
            if (e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty()) {
                File f = e.getDragboard().getFiles().get(0);
                model.openModel(f.getAbsolutePath());
                done = true;
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    /** The Experiments tab (issue 5): BOS on/off, perturbation, context sweep, model comparison, hidden states. */
    private Tab experimentsTab() {
        Tab t = new Tab("Experiments", new org.sinkscope.app.ui.experiments.ExperimentsView(model.experiments(),
                model.demos().stream().map(d -> ModelSource.DEMO_PREFIX + d.name()).toList()));
        t.setId("experiments-tab");
        return t;
    }

    /** The guided tour's bar along the bottom, the tab each step asks for, and F5 for presentation mode. */
    private void installTour() {
        setBottom(new org.sinkscope.app.ui.tour.TourView(model.tour()));
        model.tour().tabProperty().addListener((obs, old, id) -> {
            if (id != null) {
                tabs.getTabs().stream().filter(t -> (id + "-tab").equals(t.getId())).findFirst()
                        .ifPresent(t -> tabs.getSelectionModel().select(t));
            }
        });
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                org.sinkscope.app.ui.tour.PresentationMode.install(scene);
            }
        });
    }

    /** Opens a head from the grid or the sinks matrix and shows it. */
    private void openHead(int layer, int head) {
        model.head().select(layer, head);
        tabs.getSelectionModel().select(headTab);
        headTab.getContent().requestFocus();
    }

    /** A demo as its title, with the name and description in a tooltip. */
    private static final class DemoCell extends ListCell<DemoModel> {
        @Override
        protected void updateItem(DemoModel demo, boolean empty) {
            super.updateItem(demo, empty);
            if (empty || demo == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(demo.title());
            setWrapText(true);
            setPrefWidth(0); // wrap inside the list instead of scrolling sideways
            setTooltip(new Tooltip(ModelSource.DEMO_PREFIX + demo.name() + "\n" + demo.description()));
        }
    }
}
