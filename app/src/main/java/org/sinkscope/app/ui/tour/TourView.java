package org.sinkscope.app.ui.tour;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The tour's bar along the bottom of the window: the step's title and text, Back, Next and Close. */
public final class TourView extends HBox {

    public TourView(TourViewModel model) {
        setId("tour-bar");
        getStyleClass().add("tour-bar");
        Label title = new Label();
        title.setId("tour-title");
        title.getStyleClass().add("tour-title");
        title.setStyle("-fx-font-weight: bold;");
        title.textProperty().bind(model.stepProperty().map(TourStep::title).orElse(""));
        Label text = new Label();
        text.setId("tour-text");
        text.getStyleClass().add("tour-text");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        text.setMinHeight(USE_PREF_SIZE);
        text.textProperty().bind(model.stepProperty().map(TourStep::text).orElse(""));
        VBox words = new VBox(4, title, text);
        HBox.setHgrow(words, Priority.ALWAYS);
        Label progress = new Label();
        progress.setId("tour-progress");
        progress.textProperty().bind(model.progressProperty());
        Button back = new Button("Back");
        back.setId("tour-back");
        back.setOnAction(e -> model.previous());
        back.disableProperty().bind(model.indexProperty().lessThanOrEqualTo(0));
        Button next = new Button("Next");
        next.setId("tour-next");
        next.getStyleClass().add("run-button");
        next.textProperty().bind(model.indexProperty().map(i -> i.intValue() + 1 >= model.steps().size() ? "Finish" : "Next"));
        next.setOnAction(e -> model.next());
        Button close = new Button("Close tour");
        close.setId("tour-close");
        close.setOnAction(e -> model.stop());
        close.setTooltip(new Tooltip("F5 toggles presentation mode (large fonts, high contrast)"));
        for (Button b : new Button[] {back, next, close}) {
            b.setMinWidth(USE_PREF_SIZE);
        }
        HBox backNext = new HBox(6, back, next);
        backNext.setMinWidth(USE_PREF_SIZE);
        VBox buttons = new VBox(6, progress, backNext, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setMinWidth(USE_PREF_SIZE);
        getChildren().addAll(words, buttons);
        setSpacing(16);
        setPadding(new Insets(10, 14, 10, 14));
        setStyle("-fx-background-color: #fff8e1; -fx-border-color: #e6b800; -fx-border-width: 2 0 0 0;");
        setMinHeight(110);
        visibleProperty().bind(model.activeProperty());
        managedProperty().bind(visibleProperty());
    }
}
