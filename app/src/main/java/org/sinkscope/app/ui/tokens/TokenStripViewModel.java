package org.sinkscope.app.ui.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sinkscope.app.ui.run.RunResult;

/**
 * The chips of the token strip. A chip's shade is its received attention (SinkMetrics, METRICS.md
 * section 1) averaged over all layers and heads, relative to the most attended token; past
 * {@link #MAX_CHIPS} tokens only the first ones get chips, and the note says so.
 */
public final class TokenStripViewModel {
    /** More chips than this make the strip slow to lay out and impossible to read. */
    public static final int MAX_CHIPS = 512;

    private final ObservableList<Chip> chips = FXCollections.observableArrayList();
    private final ObservableList<Chip> readOnlyChips = FXCollections.unmodifiableObservableList(chips);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");

    /**
     * One token.
     *
     * @param position the token's index in the prompt
     * @param text     its readable text (spaces shown as ␣, byte pieces decoded)
     * @param id       its vocabulary id
     * @param received mean received attention over all layers and heads
     * @param shade    received relative to the most attended token, 0..1
     */
    public record Chip(int position, String text, long id, double received, double shade) {
        /** "position 3 · id 2368 · received 0.0412 (mean over layers and heads)" */
        public String tooltip() {
            return String.format(Locale.ROOT, "'%s'%nposition %d \u00b7 id %d%nreceived attention %.4f"
                    + " (mean over all layers and heads)", text, position, id, received);
        }
    }

    public void show(RunResult r) {
        double[][][] received = r.analysis().sinks().receivedAttention();
        int t = r.tokens();
        double[] mean = new double[t];
        for (double[][] layer : received) {
            for (double[] head : layer) {
                for (int k = 0; k < t; k++) {
                    mean[k] += head[k];
                }
            }
        }
        double max = 0;
        for (int k = 0; k < t; k++) {
            mean[k] /= (double) r.layers() * r.heads();
            max = Math.max(max, mean[k]);
        }
        int shown = Math.min(t, MAX_CHIPS);
        List<Chip> next = new ArrayList<>(shown);
        for (int k = 0; k < shown; k++) {
            next.add(new Chip(k, r.prompt().displayText(k), r.prompt().ids()[k], mean[k], max > 0 ? mean[k] / max : 0));
        }
        chips.setAll(next);
        note.set(String.format(Locale.ROOT, "%d tokens%s \u00b7 shade: attention received, mean over layers and heads"
                + " (darkest %.2f)", t, t > shown ? ", the first " + shown + " shown" : "", max));
    }

    public ObservableList<Chip> chips() {
        return readOnlyChips;
    }

    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public String getNote() {
        return note.get();
    }
}
