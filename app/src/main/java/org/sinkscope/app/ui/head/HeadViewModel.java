package org.sinkscope.app.ui.head;

import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.sinkscope.app.ui.heatmap.Colormap;
import org.sinkscope.app.ui.heatmap.HeatmapStyle;
import org.sinkscope.app.ui.run.RunResult;

/**
 * Which head is open, its title and the hover text. A new result keeps the open head when the
 * model still has it, so re-running a prompt does not throw the user out of the head they study.
 */
public final class HeadViewModel {
    private final ReadOnlyObjectWrapper<RunResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper layer = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyIntegerWrapper head = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("No head open");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("Click a head in the grid to open it here.");
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Colormap> colormap = new SimpleObjectProperty<>(Colormap.VIRIDIS);
    private final BooleanProperty logScale = new SimpleBooleanProperty();
    private final BooleanProperty hideFirstKey = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<HeatmapStyle> style = new ReadOnlyObjectWrapper<>(HeatmapStyle.DEFAULT);
    private final ReadOnlyObjectWrapper<Viewport> viewport = new ReadOnlyObjectWrapper<>(Viewport.fit(1));
    private final ReadOnlyObjectWrapper<Selection> selection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper selectionText = new ReadOnlyStringWrapper("");
    private final javafx.collections.ObservableList<Fact> facts = javafx.collections.FXCollections.observableArrayList();
    private final javafx.collections.ObservableList<Fact> topKeys = javafx.collections.FXCollections.observableArrayList();
    private final javafx.collections.ObservableList<Fact> readOnlyFacts =
            javafx.collections.FXCollections.unmodifiableObservableList(facts);
    private final javafx.collections.ObservableList<Fact> readOnlyTopKeys =
            javafx.collections.FXCollections.unmodifiableObservableList(topKeys);

    /** How many keys the details panel lists. */
    public static final int TOP_KEYS = 5;

    /** One line of the details panel: a name and its value, both already worded. */
    public record Fact(String name, String value) {
    }

    /** What the head view draws; a new instance on every change, so one listener redraws it all. */
    public record Shown(RunResult result, int layer, int head) {
    }

    /** A highlighted query row ({@code query} true) or key column, by token index. */
    public record Selection(boolean query, int index) {
    }

    public HeadViewModel() {
        colormap.addListener((obs, old, map) -> restyle());
        logScale.addListener((obs, old, on) -> restyle());
        hideFirstKey.addListener((obs, old, on) -> restyle());
    }

    private void restyle() {
        style.set(new HeatmapStyle(colormap.get(), logScale.get(), hideFirstKey.get()));
    }

    public void show(RunResult r) {
        boolean keep = open.get() && layer.get() < r.layers() && head.get() < r.heads();
        RunResult before = result.get();
        if (before == null || before.tokens() != r.tokens()) {
            viewport.set(Viewport.fit(r.tokens()));
        }
        if (selection.get() != null && selection.get().index() >= r.tokens()) {
            select(null);
        }
        result.set(r);
        if (keep) {
            select(layer.get(), head.get());
        } else {
            close();
        }
    }

    /** Opens head (layer, head) of the current result; out-of-range requests are ignored. */
    public void select(int l, int h) {
        RunResult r = result.get();
        if (r == null || l < 0 || h < 0 || l >= r.layers() || h >= r.heads()) {
            return;
        }
        title.set("Layer " + l + " \u00b7 Head " + h);
        details.set(String.format(Locale.ROOT, "sink score %.4f \u00b7 entropy %.3f \u00b7 %d tokens \u00b7 %s \u00b7 attention from %s",
                r.analysis().sinks().sinkScore(l, h), r.analysis().entropy().entropy(l, h), r.tokens(),
                r.modelName(), r.attentionSource()));
        hoverText.set("");
        layer.set(l);
        head.set(h);
        open.set(true);
        shown.set(new Shown(r, l, h));
        describeSelection();
        describeHead(r, l, h);
    }

    /** The details panel: the head's numbers as the metrics computed them, and its most attended keys. */
    private void describeHead(RunResult r, int l, int h) {
        var sinks = r.analysis().sinks();
        facts.setAll(
                new Fact("Sink score", String.format(Locale.ROOT, "%.4f", sinks.sinkScore(l, h))),
                new Fact("Entropy", String.format(Locale.ROOT, "%.3f (0 = one key, 1 = uniform)",
                        r.analysis().entropy().entropy(l, h))),
                new Fact("Tokens", r.tokens() + (r.prompt().bosPrepended() ? " (BOS first)" : "")),
                new Fact("Source", r.attentionSource()));
        double[] received = sinks.receivedAttention(l, h);
        Integer[] order = new Integer[received.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(received[b], received[a]));
        java.util.List<Fact> top = new java.util.ArrayList<>();
        for (int k = 0; k < Math.min(TOP_KEYS, order.length); k++) {
            int key = order[k];
            top.add(new Fact(String.format(Locale.ROOT, "%d '%s'", key, r.prompt().displayText(key)),
                    String.format(Locale.ROOT, "%.4f", received[key])));
        }
        topKeys.setAll(top);
    }

    /** The open head's numbers, for the details panel; empty with no head open. */
    public javafx.collections.ObservableList<Fact> facts() {
        return readOnlyFacts;
    }

    /** The open head's {@link #TOP_KEYS} keys by received attention (METRICS.md section 1), most first. */
    public javafx.collections.ObservableList<Fact> topKeys() {
        return readOnlyTopKeys;
    }

    /** Zooms by {@code factor} (&gt;1 in) about a cell point, keeping it under the pointer. */
    public void zoom(double factor, double anchorRow, double anchorCol) {
        viewport.set(viewport.get().zoomed(factor, anchorRow, anchorCol));
    }

    /** Zooms by {@code factor} about the middle of the view (the + and - keys). */
    public void zoom(double factor) {
        viewport.set(viewport.get().zoomed(factor));
    }

    /** Moves the view by whole or fractional cells. */
    public void pan(double dRows, double dCols) {
        viewport.set(viewport.get().panned(dRows, dCols));
    }

    /** Shows the whole head again. */
    public void fit() {
        viewport.set(Viewport.fit(viewport.get().tokens()));
    }

    /** Highlights a query row or key column; selecting the one already selected, or null, clears it. */
    public void select(Selection s) {
        RunResult r = result.get();
        if (s != null && (r == null || s.index() < 0 || s.index() >= r.tokens() || s.equals(selection.get()))) {
            s = null;
        }
        selection.set(s);
        describeSelection();
    }

    private void describeSelection() {
        Selection s = selection.get();
        RunResult r = result.get();
        if (s == null || r == null || !open.get()) {
            selectionText.set("");
            return;
        }
        String token = r.prompt().displayText(s.index());
        if (s.query()) {
            selectionText.set(String.format(Locale.ROOT, "Selected query '%s' (%d): its largest key gets %.4f", token,
                    s.index(), rowMax(r, s.index())));
        } else {
            selectionText.set(String.format(Locale.ROOT, "Selected key '%s' (%d): received attention %.4f", token,
                    s.index(), r.analysis().sinks().receivedAttention(layer.get(), head.get())[s.index()]));
        }
    }

    private double rowMax(RunResult r, int query) {
        double max = 0;
        for (int j = 0; j < r.tokens(); j++) {
            max = Math.max(max, r.attention().get(layer.get(), head.get(), query, j));
        }
        return max;
    }

    /** Moves to a neighbouring head (left/right) or layer (up/down), staying inside the model. */
    public void move(int dLayer, int dHead) {
        RunResult r = result.get();
        if (r == null || !open.get()) {
            return;
        }
        select(Math.max(0, Math.min(r.layers() - 1, layer.get() + dLayer)),
                Math.max(0, Math.min(r.heads() - 1, head.get() + dHead)));
    }

    private void close() {
        open.set(false);
        layer.set(-1);
        head.set(-1);
        title.set("No head open");
        details.set("Click a head in the grid to open it here.");
        hoverText.set("");
        facts.clear();
        topKeys.clear();
        shown.set(null);
    }

    /** The pointer is over cell (query, key): say what it holds. */
    public void hover(int query, int key) {
        String text = describe(query, key);
        hoverText.set(text == null ? "" : text);
    }

    public void clearHover() {
        hoverText.set("");
    }

    /** "query 'cat' (2) → key '&lt;s&gt;' (0): 0.7342", or null outside the matrix or with no head open. */
    public String describe(int query, int key) {
        RunResult r = result.get();
        if (r == null || !open.get() || query < 0 || key < 0 || query >= r.tokens() || key >= r.tokens()) {
            return null;
        }
        String cell = String.format(Locale.ROOT, "query '%s' (%d) \u2192 key '%s' (%d): ",
                r.prompt().displayText(query), query, r.prompt().displayText(key), key);
        if (r.attention().causal() && key > query) {
            return cell + "masked (a causal query sees no later key)";
        }
        float v = r.attention().get(layer.get(), head.get(), query, key);
        String text = cell + String.format(Locale.ROOT, "%.4f", v);
        if (hideFirstKey.get()) {
            if (key == 0) {
                return text + " (hidden)";
            }
            float rest = 1 - r.attention().get(layer.get(), head.get(), query, 0);
            text += rest > 1e-12f ? String.format(Locale.ROOT, " \u00b7 without token 0: %.4f", v / rest) : "";
        }
        return text;
    }

    public ObjectProperty<Colormap> colormapProperty() {
        return colormap;
    }

    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    public BooleanProperty hideFirstKeyProperty() {
        return hideFirstKey;
    }

    /** How values become colours; a new instance whenever the colour map or a toggle changes. */
    public ReadOnlyObjectProperty<HeatmapStyle> styleProperty() {
        return style.getReadOnlyProperty();
    }

    public HeatmapStyle getStyle() {
        return style.get();
    }

    public ReadOnlyObjectProperty<Viewport> viewportProperty() {
        return viewport.getReadOnlyProperty();
    }

    public Viewport getViewport() {
        return viewport.get();
    }

    public ReadOnlyObjectProperty<Selection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public Selection getSelection() {
        return selection.get();
    }

    public ReadOnlyStringProperty selectionTextProperty() {
        return selectionText.getReadOnlyProperty();
    }

    public String getSelectionText() {
        return selectionText.get();
    }

    public ReadOnlyObjectProperty<RunResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public RunResult getResult() {
        return result.get();
    }

    /** The head to draw, null when none is open. */
    public ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty layerProperty() {
        return layer.getReadOnlyProperty();
    }

    public int getLayer() {
        return layer.get();
    }

    public ReadOnlyIntegerProperty headProperty() {
        return head.getReadOnlyProperty();
    }

    public int getHead() {
        return head.get();
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    public boolean isOpen() {
        return open.get();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public String getTitle() {
        return title.get();
    }

    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    public String getHoverText() {
        return hoverText.get();
    }
}
