package org.sinkscope.app.ui.mixing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import org.sinkscope.app.ui.run.RunResult;
import org.sinkscope.runtime.metrics.MixingMetrics;

/**
 * What the mixing view charts, straight from {@link MixingMetrics}: the four per-layer series and
 * the last token's composition at the layer the slider picks (a new result starts at the last
 * layer, where the composition is the model's final estimate).
 */
public final class MixingViewModel {
    /** Past this many tokens the composition chart drops its token labels (they would overlap). */
    static final int MAX_LABELLED_TOKENS = 32;

    private final ReadOnlyObjectWrapper<RunResult> result = new ReadOnlyObjectWrapper<>();
    private final IntegerProperty layer = new SimpleIntegerProperty(0);
    private final ReadOnlyIntegerWrapper layers = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<double[]> composition = new ReadOnlyObjectWrapper<>(new double[0]);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No run yet.");

    public MixingViewModel() {
        layer.addListener((obs, old, l) -> recompose());
    }

    public void show(RunResult r) {
        result.set(r);
        layers.set(r.layers());
        if (layer.get() == r.layers() - 1) {
            recompose();
        } else {
            layer.set(r.layers() - 1);
        }
    }

    private void recompose() {
        RunResult r = result.get();
        if (r == null) {
            return;
        }
        int l = Math.max(0, Math.min(r.layers() - 1, layer.get()));
        if (l != layer.get()) {
            layer.set(l);
            return;
        }
        MixingMetrics m = r.analysis().mixing();
        composition.set(m.lastRowComposition(l));
        summary.set(String.format(Locale.ROOT,
                "After layer %d the last token is %.1f %% token 0 (sink-ablated: %.1f %%); mixing entropy %.3f"
                        + " (ablated %.3f).",
                l, 100 * m.sinkShare()[l], 100 * m.ablatedSinkShare()[l], m.mixingEntropy()[l],
                m.ablatedMixingEntropy()[l]));
    }

    /** Token labels for the composition chart: "3 cat", unique even when a token repeats. */
    public List<String> tokenLabels() {
        RunResult r = result.get();
        List<String> labels = new ArrayList<>();
        if (r != null) {
            for (int i = 0; i < r.tokens(); i++) {
                String t = r.prompt().displayText(i);
                labels.add(i + " " + (t.length() > 12 ? t.substring(0, 11) + "\u2026" : t));
            }
        }
        return labels;
    }

    /** Whether the composition chart can label each bar with its token. */
    public boolean labelsFit() {
        RunResult r = result.get();
        return r != null && r.tokens() <= MAX_LABELLED_TOKENS;
    }

    private MixingMetrics mixing() {
        return result.get() == null ? null : result.get().analysis().mixing();
    }

    public double[] sinkShare() {
        return mixing() == null ? new double[0] : mixing().sinkShare();
    }

    public double[] mixingEntropy() {
        return mixing() == null ? new double[0] : mixing().mixingEntropy();
    }

    public double[] ablatedSinkShare() {
        return mixing() == null ? new double[0] : mixing().ablatedSinkShare();
    }

    public double[] ablatedMixingEntropy() {
        return mixing() == null ? new double[0] : mixing().ablatedMixingEntropy();
    }

    public ReadOnlyObjectProperty<RunResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The layer whose composition is shown; the slider writes it, out-of-range values are clamped. */
    public IntegerProperty layerProperty() {
        return layer;
    }

    public ReadOnlyIntegerProperty layersProperty() {
        return layers.getReadOnlyProperty();
    }

    /** Row T-1 of the rollout after the chosen layer: each input token's estimated share in the last token. */
    public ReadOnlyObjectProperty<double[]> compositionProperty() {
        return composition.getReadOnlyProperty();
    }

    public double[] getComposition() {
        return composition.get().clone();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public String getSummary() {
        return summary.get();
    }
}
