package org.sinkscope.app.ui.experiments;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

/**
 * The frame every experiment view shares: a row of controls with Run and Cancel, a status line, an
 * error line, then a grid of charts.
 */
final class ExperimentPane {
    private ExperimentPane() {
    }

    static VBox frame(String id, String help, ExperimentTask<?> task, Runnable run, Node[] controls, GridPane charts) {
        Button runButton = new Button("Run");
        runButton.setId(id + "-run");
        runButton.getStyleClass().add("run-button");
        runButton.setOnAction(e -> run.run());
        runButton.disableProperty().bind(task.runningProperty());
        Button cancelButton = new Button("Cancel");
        cancelButton.setId(id + "-cancel");
        cancelButton.setOnAction(e -> task.cancel());
        cancelButton.disableProperty().bind(task.runningProperty().not());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(20, 20);
        busy.setMinSize(20, 20);
        busy.visibleProperty().bind(task.runningProperty());
        HBox bar = new HBox(8);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getChildren().addAll(controls);
        bar.getChildren().addAll(runButton, cancelButton, busy);
        Label helpLabel = new Label(help);
        helpLabel.getStyleClass().add("hint");
        helpLabel.setWrapText(true);
        helpLabel.setTooltip(new Tooltip(help));
        helpLabel.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label status = new Label();
        status.setId(id + "-status");
        status.getStyleClass().add("status");
        status.textProperty().bind(task.statusProperty());
        status.setWrapText(true);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label error = new Label();
        error.setId(id + "-error");
        error.getStyleClass().add("error-text");
        error.setStyle("-fx-text-fill: #b00020;");
        error.textProperty().bind(task.errorProperty());
        error.setWrapText(true);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        error.visibleProperty().bind(task.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox.setVgrow(charts, Priority.ALWAYS);
        VBox box = new VBox(6, bar, helpLabel, status, error, charts);
        box.setId(id);
        box.setPadding(new Insets(8, 12, 8, 12));
        return box;
    }

    /** A grid of equal cells, {@code cols} wide and {@code rows} high, all growing. */
    static GridPane grid(int cols, int rows) {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        for (int c = 0; c < cols; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / cols);
            cc.setHgrow(Priority.ALWAYS);
            g.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            rc.setVgrow(Priority.ALWAYS);
            g.getRowConstraints().add(rc);
        }
        return g;
    }

    static void fill(GridPane g, Node n, int col, int row) {
        GridPane.setHgrow(n, Priority.ALWAYS);
        GridPane.setVgrow(n, Priority.ALWAYS);
        if (n instanceof javafx.scene.layout.Region r) {
            r.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            r.setMinSize(100, 100);
        }
        g.add(n, col, row);
    }
}
