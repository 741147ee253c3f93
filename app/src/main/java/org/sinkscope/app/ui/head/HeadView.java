package org.sinkscope.app.ui.head;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.sinkscope.app.ui.heatmap.Colormap;

/**
 * The head view: title, details and display options on top, the heatmap in the middle, the value
 * under the pointer at the bottom. Arrow keys move to the neighbouring head (left/right) or layer
 * (up/down); the scroll wheel, a pinch or +/- zoom, dragging pans, 0 fits. A click on a cell or a
 * query label selects that query row, shift-click or a click on a key label selects the key column.
 */
public final class HeadView extends BorderPane {
    /** Zoom per +/- key press; the wheel zooms by the same factor per notch. */
    static final double ZOOM_STEP = 1.25;
    /** Pointer travel (pixels) below which a press and release is a click, not a drag. */
    private static final double CLICK_SLOP = 4;

    private final HeadViewModel model;
    private final HeadCanvas canvas;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean dragged;

    public HeadView(HeadViewModel model) {
        this.model = model;
        this.canvas = new HeadCanvas(model);
        createView();
        initListeners();
    }

    private void createView() {
        getStyleClass().add("head-view");
        setId("head-view");
        Label title = new Label();
        title.setId("head-title");
        title.getStyleClass().add("head-title");
        title.textProperty().bind(model.titleProperty());
        Label details = new Label();
        details.setId("head-details");
        details.getStyleClass().add("head-details");
        details.textProperty().bind(model.detailsProperty());
        VBox header = new VBox(2, title, details, toolbar());
        VBox.setMargin(header.getChildren().get(2), new Insets(6, 0, 0, 0));
        header.setPadding(new Insets(10, 12, 4, 12));
        setTop(header);

        setCenter(canvas);
        setRight(new HeadDetailsPanel(model));

        Label hover = new Label();
        hover.setId("head-hover");
        hover.getStyleClass().add("head-hover");
        hover.textProperty().bind(model.hoverTextProperty()
                .map(t -> t.isEmpty() ? "Point at a cell to read its value." : t));
        Label selected = new Label();
        selected.setId("head-selection");
        selected.getStyleClass().add("head-hover");
        selected.textProperty().bind(model.selectionTextProperty());
        selected.visibleProperty().bind(model.selectionTextProperty().isNotEmpty());
        selected.managedProperty().bind(selected.visibleProperty());
        VBox bottom = new VBox(2, hover, selected);
        bottom.setPadding(new Insets(4, 12, 8, 12));
        setBottom(bottom);
        setFocusTraversable(true);
    }

    private VBox toolbar() {
        ChoiceBox<Colormap> maps = new ChoiceBox<>();
        maps.setId("colormap");
        maps.getItems().setAll(Colormap.values());
        maps.valueProperty().bindBidirectional(model.colormapProperty());
        maps.setTooltip(new Tooltip("Colour map: all perceptually uniform and colour-blind safe"));
        maps.setFocusTraversable(false);

        CheckBox log = new CheckBox("Log scale");
        log.setId("log-scale");
        log.selectedProperty().bindBidirectional(model.logScaleProperty());
        log.setTooltip(new Tooltip("Colour by log10 of the weight, 0.001 to 1: small weights become visible"));
        log.setFocusTraversable(false);

        CheckBox hide = new CheckBox("Hide token 0 (renormalise rows)");
        hide.setId("hide-first");
        hide.selectedProperty().bindBidirectional(model.hideFirstKeyProperty());
        hide.setTooltip(new Tooltip("Leave out key 0 and divide each row by what is left, A[i][j] / (1 - A[i][0]):"
                + " the pattern the sink drowns out becomes readable"));
        hide.setFocusTraversable(false);

        Button fit = new Button("Fit");
        fit.setId("zoom-fit");
        fit.setTooltip(new Tooltip("Show the whole head (0)"));
        fit.setOnAction(e -> model.fit());
        fit.setFocusTraversable(false);
        Button in = new Button("+");
        in.setId("zoom-in");
        in.setTooltip(new Tooltip("Zoom in (+, scroll wheel)"));
        in.setOnAction(e -> model.zoom(ZOOM_STEP));
        in.setFocusTraversable(false);
        Button out = new Button("\u2212");
        out.setId("zoom-out");
        out.setTooltip(new Tooltip("Zoom out (-)"));
        out.setOnAction(e -> model.zoom(1 / ZOOM_STEP));
        out.setFocusTraversable(false);
        Label zoom = new Label();
        zoom.setId("zoom-level");
        zoom.getStyleClass().add("hint");
        zoom.setMinWidth(Region.USE_PREF_SIZE);
        zoom.textProperty().bind(model.viewportProperty().map(v -> v.isFit() ? "fit"
                : String.format(java.util.Locale.ROOT, "\u00d7%.1f", v.zoom())));

        Label hint = new Label("scroll or +/\u2212 to zoom \u00b7 drag to pan \u00b7 0 fits \u00b7 click: query row"
                + " \u00b7 shift-click: key column");
        hint.getStyleClass().add("hint");
        hint.setMinWidth(0);
        Label colours = new Label("Colours");
        HBox display = new HBox(10, colours, maps, log, hide);
        display.setAlignment(Pos.CENTER_LEFT);
        HBox zooming = new HBox(6, new Label("Zoom"), out, zoom, in, fit, hint);
        HBox.setMargin(hint, new Insets(0, 0, 0, 8));
        zooming.setAlignment(Pos.CENTER_LEFT);
        for (HBox row : new HBox[] {display, zooming}) {
            row.getChildren().forEach(n -> {
                if (n instanceof Region r && n != hint) {
                    r.setMinWidth(Region.USE_PREF_SIZE);
                }
            });
        }
        zoom.setMinWidth(34);
        zoom.setAlignment(Pos.CENTER);
        VBox bar = new VBox(6, display, zooming);
        bar.getStyleClass().add("head-toolbar");
        return bar;
    }

    private void initListeners() {
        setOnKeyPressed(e -> {
            KeyCode c = e.getCode();
            if (c == KeyCode.LEFT || c == KeyCode.RIGHT || c == KeyCode.UP || c == KeyCode.DOWN) {
                model.move(c == KeyCode.UP ? -1 : c == KeyCode.DOWN ? 1 : 0,
                        c == KeyCode.LEFT ? -1 : c == KeyCode.RIGHT ? 1 : 0);
                e.consume();
            } else if (c == KeyCode.PLUS || c == KeyCode.ADD || c == KeyCode.EQUALS) {
                model.zoom(ZOOM_STEP);
                e.consume();
            } else if (c == KeyCode.MINUS || c == KeyCode.SUBTRACT) {
                model.zoom(1 / ZOOM_STEP);
                e.consume();
            } else if (c == KeyCode.DIGIT0 || c == KeyCode.NUMPAD0) {
                model.fit();
                e.consume();
            } else if (c == KeyCode.ESCAPE && model.getSelection() != null) {
                model.select(null);
                e.consume();
            }
        });
        canvas.setOnScroll(e -> {
            if (e.getDeltaY() == 0 || canvas.cellPixels() <= 0) {
                return;
            }
            double factor = Math.pow(ZOOM_STEP, e.getDeltaY() / Math.max(1, Math.abs(e.getMultiplierY() == 0 ? 40
                    : e.getMultiplierY())));
            model.zoom(factor, canvas.rowPoint(e.getY()), canvas.colPoint(e.getX()));
            e.consume();
        });
        canvas.setOnZoom(e -> {
            model.zoom(e.getZoomFactor(), canvas.rowPoint(e.getY()), canvas.colPoint(e.getX()));
            e.consume();
        });
        canvas.setOnMousePressed(e -> {
            requestFocus();
            pressX = lastX = e.getX();
            pressY = lastY = e.getY();
            dragged = false;
        });
        canvas.setOnMouseDragged(e -> {
            if (!dragged && Math.hypot(e.getX() - pressX, e.getY() - pressY) < CLICK_SLOP) {
                return;
            }
            dragged = true;
            double cell = canvas.cellPixels();
            if (cell > 0) {
                model.pan(-(e.getY() - lastY) / cell, -(e.getX() - lastX) / cell);
            }
            lastX = e.getX();
            lastY = e.getY();
        });
        canvas.setOnMouseReleased(e -> {
            if (dragged || e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            double x = e.getX();
            double y = e.getY();
            if (canvas.inKeyLabels(x, y)) {
                model.select(new HeadViewModel.Selection(false, canvas.colAt(x)));
            } else if (canvas.inQueryLabels(x, y)) {
                model.select(new HeadViewModel.Selection(true, canvas.rowAt(y)));
            } else if (canvas.rowAt(y) >= 0 && canvas.colAt(x) >= 0) {
                model.select(e.isShiftDown() ? new HeadViewModel.Selection(false, canvas.colAt(x))
                        : new HeadViewModel.Selection(true, canvas.rowAt(y)));
            }
        });
    }
}
