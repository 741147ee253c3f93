package org.sinkscope.app.ui.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import org.sinkscope.app.ui.task.FxTurns;
import org.sinkscope.app.ui.run.RunResult;

/**
 * All heads at once: a grid with layers as rows and heads as columns, scrolling when the model is
 * large. Thumbnails grow with the window, between {@link #MIN_SIDE} and {@link #MAX_SIDE} pixels.
 */
public final class GridView extends ScrollPane {
    static final int MIN_SIDE = 32;
    static final int MAX_SIDE = 200;
    /** Height of a thumbnail's label and frame around the image. */
    private static final double CAPTION = 22;
    private static final double GAP = 10;
    private static final double ROW_HEADER = 34;

    private final GridViewModel model;
    private final BiConsumer<Integer, Integer> openHead;
    private final GridPane grid = new GridPane();
    private final List<HeadThumbnail> thumbnails = new ArrayList<>();
    private final Label placeholder = new Label("Run a prompt to see every head's attention here.");

    /** @param openHead called with (layer, head) when a thumbnail is clicked or Enter is pressed on it */
    public GridView(GridViewModel model, BiConsumer<Integer, Integer> openHead) {
        this.model = model;
        this.openHead = openHead;
        createView();
        initListeners();
    }

    private void createView() {
        getStyleClass().add("grid-view");
        setId("grid-view");
        grid.setHgap(GAP);
        grid.setVgap(GAP);
        grid.setPadding(new Insets(12));
        placeholder.getStyleClass().add("placeholder");
        setContent(new StackPane(placeholder));
        setFitToWidth(true);
        setFitToHeight(true);
    }

    private void initListeners() {
        // in an FX event of its own, so that a new result never holds the FX thread for long
        model.resultProperty().addListener((obs, old, r) -> FxTurns.later(() -> {
            if (model.getResult() == r) {
                rebuild(r);
            }
        }));
        model.bySinkScoreProperty().addListener((obs, old, by) -> rebuild(model.getResult()));
        viewportBoundsProperty().addListener((obs, old, b) -> resize());
        if (model.getResult() != null) {
            rebuild(model.getResult());
        }
    }

    private void rebuild(RunResult r) {
        grid.getChildren().clear();
        thumbnails.clear();
        if (r == null) {
            generation++;
            setContent(new StackPane(placeholder));
            setFitToWidth(true);
            setFitToHeight(true);
            return;
        }
        for (int h = 0; h < r.heads(); h++) {
            Label head = new Label(model.isBySinkScore() ? "#" + (h + 1) : "H" + h);
            head.getStyleClass().add("axis-label");
            GridPane.setHalignment(head, HPos.CENTER);
            grid.add(head, h + 1, 0);
        }
        setContent(grid);
        // the grid keeps its own size and scrolls; stretched or squeezed to the viewport, labels would clip
        setFitToWidth(false);
        setFitToHeight(false);
        addRow(r, 0, ++generation);
    }

    /** Bumped on every rebuild so that rows of an older result stop being added. */
    private int generation;

    /**
     * Adds one layer's row and styles it at once, then queues the next row as a new FX event:
     * 64 new thumbnails styled in one pulse held the FX thread for about 100 ms, a row at a time
     * lets input and the heartbeat of the window in between.
     */
    private void addRow(RunResult r, int l, int mine) {
        if (mine != generation) {
            return;
        }
        Label layer = new Label("L" + l);
        layer.getStyleClass().add("axis-label");
        layer.setMinWidth(ROW_HEADER - GAP);
        GridPane.setValignment(layer, VPos.CENTER);
        grid.add(layer, 0, l + 1);
        List<HeadThumbnail> row = new ArrayList<>(r.heads());
        for (int h = 0; h < r.heads(); h++) {
            HeadThumbnail t = new HeadThumbnail(model.displayed(l, h), r.attention());
            t.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY) {
                    t.requestFocus();
                    openHead.accept(t.cell().layer(), t.cell().head());
                }
            });
            t.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                    openHead.accept(t.cell().layer(), t.cell().head());
                    e.consume();
                }
            });
            row.add(t);
            grid.add(t, h + 1, l + 1);
        }
        thumbnails.addAll(row);
        layer.applyCss();
        row.forEach(HeadThumbnail::applyCss);
        resize();
        if (l + 1 < r.layers()) {
            FxTurns.later(() -> addRow(r, l + 1, mine));
        }
    }

    /** Fits the whole grid into the visible area when it can; below the minimum size the grid scrolls. */
    private void resize() {
        int heads = model.getHeads();
        int layers = model.getLayers();
        if (heads == 0 || thumbnails.isEmpty()) {
            return;
        }
        double width = getViewportBounds().getWidth();
        double height = getViewportBounds().getHeight();
        if (width <= 0 || height <= 0) {
            width = 900;
            height = 700;
        }
        // 24 = grid padding; 14 = frame, white gap and margins around the image; 22 = column header row
        double byWidth = (width - 24 - ROW_HEADER - GAP * heads) / heads - 14;
        double byHeight = (height - 24 - 22 - GAP * layers) / layers - 14 - CAPTION;
        int side = (int) Math.max(MIN_SIDE, Math.min(MAX_SIDE, Math.floor(Math.min(byWidth, byHeight))));
        // full "L2 H5  0.83" labels when the columns they widen still fit; otherwise scores only
        double label = thumbnails.stream().mapToDouble(HeadThumbnail::fullLabelWidth).max().orElse(0);
        // ordered by score, columns are ranks, so each thumbnail must name its head
        boolean compact = !model.isBySinkScore() && 24 + ROW_HEADER + heads * (Math.max(side + 14, label) + GAP) > width;
        for (HeadThumbnail t : thumbnails) {
            t.setSide(side, compact);
        }
    }
}
