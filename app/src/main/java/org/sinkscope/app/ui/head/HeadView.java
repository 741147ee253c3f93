package org.sinkscope.app.ui.head;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * The head view: title and details on top, the heatmap in the middle, the value under the pointer
 * at the bottom. Arrow keys move to the neighbouring head (left/right) or layer (up/down).
 */
public final class HeadView extends BorderPane {
    private final HeadViewModel model;
    private final HeadCanvas canvas;

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
        VBox header = new VBox(2, title, details);
        header.setPadding(new Insets(10, 12, 4, 12));
        setTop(header);

        setCenter(canvas);

        Label hover = new Label();
        hover.setId("head-hover");
        hover.getStyleClass().add("head-hover");
        hover.textProperty().bind(model.hoverTextProperty()
                .map(t -> t.isEmpty() ? "Point at a cell to read its value." : t));
        hover.setPadding(new Insets(4, 12, 8, 12));
        setBottom(hover);
        setFocusTraversable(true);
    }

    private void initListeners() {
        setOnKeyPressed(e -> {
            KeyCode c = e.getCode();
            if (c == KeyCode.LEFT || c == KeyCode.RIGHT || c == KeyCode.UP || c == KeyCode.DOWN) {
                model.move(c == KeyCode.UP ? -1 : c == KeyCode.DOWN ? 1 : 0,
                        c == KeyCode.LEFT ? -1 : c == KeyCode.RIGHT ? 1 : 0);
                e.consume();
            }
        });
        canvas.setOnMousePressed(e -> requestFocus());
    }
}
