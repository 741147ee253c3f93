package org.sinkscope.app.ui.grid;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sinkscope.app.ui.run.RunResult;
import org.sinkscope.runtime.metrics.SinkMetrics;

/** The grid's state: the result it shows and one cell per (layer, head), in layer-major order. */
public final class GridViewModel {
    private final ReadOnlyObjectWrapper<RunResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper layers = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper heads = new ReadOnlyIntegerWrapper();
    private final ObservableList<HeadCell> cells = FXCollections.observableArrayList();
    private final ObservableList<HeadCell> readOnlyCells = FXCollections.unmodifiableObservableList(cells);
    private final javafx.beans.property.BooleanProperty bySinkScore = new javafx.beans.property.SimpleBooleanProperty();

    /** Shows a new result; the scores are SinkMetrics' own numbers, not recomputed here. */
    public void show(RunResult r) {
        List<HeadCell> next = new ArrayList<>();
        SinkMetrics sinks = r.analysis().sinks();
        for (int l = 0; l < r.layers(); l++) {
            for (int h = 0; h < r.heads(); h++) {
                next.add(new HeadCell(l, h, sinks.sinkScore(l, h)));
            }
        }
        layers.set(r.layers());
        heads.set(r.heads());
        cells.setAll(next);
        result.set(r); // last: listeners of result see the cells already in place
    }

    public HeadCell cell(int layer, int head) {
        return cells.get(layer * heads.get() + head);
    }

    /**
     * The cell in column {@code column} of layer {@code layer}'s row: head {@code column} when
     * ordered by position; by sink score, the layer's heads from the highest score down (ties by
     * head index), so each row reads from its strongest sink.
     */
    public HeadCell displayed(int layer, int column) {
        if (!bySinkScore.get()) {
            return cell(layer, column);
        }
        List<HeadCell> row = new ArrayList<>(cells.subList(layer * heads.get(), (layer + 1) * heads.get()));
        row.sort(java.util.Comparator.comparingDouble(HeadCell::sinkScore).reversed()
                .thenComparingInt(HeadCell::head));
        return row.get(column);
    }

    /** Order each layer's heads by sink score (true) or by head index (false). */
    public javafx.beans.property.BooleanProperty bySinkScoreProperty() {
        return bySinkScore;
    }

    public boolean isBySinkScore() {
        return bySinkScore.get();
    }

    public ObservableList<HeadCell> cells() {
        return readOnlyCells;
    }

    public ReadOnlyObjectProperty<RunResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public RunResult getResult() {
        return result.get();
    }

    public ReadOnlyIntegerProperty layersProperty() {
        return layers.getReadOnlyProperty();
    }

    public int getLayers() {
        return layers.get();
    }

    public ReadOnlyIntegerProperty headsProperty() {
        return heads.getReadOnlyProperty();
    }

    public int getHeads() {
        return heads.get();
    }
}
