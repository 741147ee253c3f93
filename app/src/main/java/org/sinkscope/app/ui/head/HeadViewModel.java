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

    /** What the head view draws; a new instance on every change, so one listener redraws it all. */
    public record Shown(RunResult result, int layer, int head) {
    }

    public void show(RunResult r) {
        boolean keep = open.get() && layer.get() < r.layers() && head.get() < r.heads();
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
        return cell + String.format(Locale.ROOT, "%.4f", r.attention().get(layer.get(), head.get(), query, key));
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
