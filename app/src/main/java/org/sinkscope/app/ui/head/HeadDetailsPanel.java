package org.sinkscope.app.ui.head;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The open head's numbers beside its heatmap: sink score, entropy, source, and its top keys by received attention. */
final class HeadDetailsPanel extends VBox {
    private final HeadViewModel model;
    private final GridPane facts = new GridPane();
    private final GridPane keys = new GridPane();

    HeadDetailsPanel(HeadViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        setId("head-details-panel");
        getStyleClass().add("head-details-panel");
        setSpacing(8);
        setPadding(new Insets(10, 12, 10, 12));
        setPrefWidth(230);
        setMinWidth(230);
        setMaxWidth(230);
        Label title = new Label("Details");
        title.getStyleClass().add("section-title");
        Label keysTitle = new Label("Top " + HeadViewModel.TOP_KEYS + " keys by received attention");
        keysTitle.getStyleClass().add("section-title");
        keysTitle.setWrapText(true);
        keysTitle.setMinHeight(USE_PREF_SIZE);
        Label keysHint = new Label("mean attention a key gets from the queries that can see it");
        keysHint.getStyleClass().add("hint");
        keysHint.setWrapText(true);
        keysHint.setMinHeight(USE_PREF_SIZE);
        facts.setHgap(8);
        facts.setVgap(4);
        keys.setHgap(8);
        keys.setVgap(4);
        keys.setId("head-top-keys");
        getChildren().addAll(title, facts, keysTitle, keysHint, keys);
    }

    private void initListeners() {
        model.facts().addListener((ListChangeListener<HeadViewModel.Fact>) c -> fill(facts, model.facts()));
        model.topKeys().addListener((ListChangeListener<HeadViewModel.Fact>) c -> fill(keys, model.topKeys()));
    }

    private static void fill(GridPane grid, java.util.List<HeadViewModel.Fact> items) {
        grid.getChildren().clear();
        int row = 0;
        for (HeadViewModel.Fact f : items) {
            Label name = new Label(f.name());
            name.getStyleClass().add("fact-name");
            name.setMinWidth(Label.USE_PREF_SIZE);
            Label value = new Label(f.value());
            value.getStyleClass().add("fact-value");
            value.setWrapText(true);
            value.setMaxWidth(150);
            GridPane.setValignment(name, VPos.TOP);
            grid.addRow(row++, name, value);
        }
    }
}
