package org.sinkscope.app.ui.main;

import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** The window's error details: an alert with the one-line message and the full text, selectable for copying. */
public final class FxErrorDetailsDialog implements ErrorDetailsDialog {

    @Override
    public void show(Window owner, String summary, String details) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle("SinkScope \u2014 error details");
        alert.setHeaderText(summary);
        TextArea text = new TextArea(details);
        text.setEditable(false);
        text.setWrapText(false);
        text.setPrefColumnCount(90);
        text.setPrefRowCount(18);
        text.setStyle("-fx-font-family: 'Monospaced'; -fx-font-size: 12px;");
        alert.getDialogPane().setContent(text);
        alert.setResizable(true);
        alert.showAndWait();
    }
}
