package org.sinkscope.app.ui.sinks;

import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.sinkscope.app.ui.run.RunResult;
import org.sinkscope.runtime.metrics.SinkMetrics;

/**
 * Sink scores and rates at the epsilon the user types. The text field is the one writable
 * property; an unreadable or out-of-range entry marks itself invalid and the last valid epsilon
 * stays in force, so the numbers on screen always match a threshold that is shown.
 */
public final class SinksViewModel {
    private final ReadOnlyObjectWrapper<RunResult> result = new ReadOnlyObjectWrapper<>();
    private final StringProperty epsilonText = new SimpleStringProperty(format(SinkMetrics.DEFAULT_EPSILON));
    private final ReadOnlyDoubleWrapper epsilon = new ReadOnlyDoubleWrapper(SinkMetrics.DEFAULT_EPSILON);
    private final ReadOnlyBooleanWrapper epsilonValid = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyDoubleWrapper sinkRate = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyObjectWrapper<double[]> sinkRateByLayer = new ReadOnlyObjectWrapper<>(new double[0]);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No run yet.");
    private final ReadOnlyObjectWrapper<double[]> received = new ReadOnlyObjectWrapper<>(new double[0]);
    private final ReadOnlyStringWrapper receivedTitle = new ReadOnlyStringWrapper("Open a head to see the attention each key receives.");
    private int focusLayer = -1;
    private int focusHead = -1;

    public SinksViewModel() {
        epsilonText.addListener((obs, old, text) -> parseEpsilon(text));
    }

    public void show(RunResult r) {
        result.set(r);
        judge();
        profile();
    }

    /**
     * Profiles the attention head (layer, head) receives per key (SinkMetrics' received attention,
     * METRICS.md section 1); (-1, -1) clears it. Shows sinks that are not at position 0.
     */
    public void focusHead(int layer, int head) {
        focusLayer = layer;
        focusHead = head;
        profile();
    }

    private void profile() {
        RunResult r = result.get();
        if (r == null) {
            received.set(new double[0]);
            receivedTitle.set("Open a head to see the attention each key receives.");
            return;
        }
        int l = focusLayer;
        int h = focusHead;
        boolean chosen = l >= 0 && h >= 0 && l < r.layers() && h < r.heads();
        if (!chosen) {
            // no head open: the strongest first-token sink, so the chart is never empty
            l = 0;
            h = 0;
            for (int i = 0; i < r.layers(); i++) {
                for (int j = 0; j < r.heads(); j++) {
                    if (score(i, j) > score(l, h)) {
                        l = i;
                        h = j;
                    }
                }
            }
        }
        double[] profile = r.analysis().sinks().receivedAttention(l, h);
        int top = 0;
        for (int k = 1; k < profile.length; k++) {
            if (profile[k] > profile[top]) {
                top = k;
            }
        }
        receivedTitle.set(String.format(Locale.ROOT, "Received attention per key, L%d H%d%s (most: '%s' at %d, %.2f)",
                l, h, chosen ? "" : ", the strongest sink head; open a head to see it instead", r.prompt().displayText(top),
                top, profile[top]));
        received.set(profile);
    }

    /** Sets epsilon as if typed (the 0.3 / 0.8 buttons). */
    public void useEpsilon(double value) {
        epsilonText.set(format(value));
    }

    private void parseEpsilon(String text) {
        double value;
        try {
            value = Double.parseDouble(text.trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            epsilonValid.set(false);
            return;
        }
        if (!(value >= 0 && value <= 1)) {
            epsilonValid.set(false);
            return;
        }
        epsilonValid.set(true);
        epsilon.set(value);
        judge();
    }

    /** Re-reads the rates from the stored scores at the current epsilon. */
    private void judge() {
        RunResult r = result.get();
        if (r == null) {
            return;
        }
        SinkMetrics sinks = r.analysis().sinks();
        double eps = epsilon.get();
        double rate = sinks.sinkRate(eps);
        long above = Math.round(rate * r.layers() * r.heads());
        sinkRateByLayer.set(sinks.sinkRateByLayer(eps));
        sinkRate.set(rate);
        summary.set(String.format(Locale.ROOT, "Sink rate %.1f %% \u00b7 %d of %d heads with s > %s",
                100 * rate, above, r.layers() * r.heads(), format(eps)));
    }

    /** Sink score of one head, as SinkMetrics computed it. */
    public double score(int layer, int head) {
        return result.get().analysis().sinks().sinkScore(layer, head);
    }

    /** Whether a head counts as a sink at the current epsilon (strictly above, as in METRICS.md). */
    public boolean isSink(int layer, int head) {
        return score(layer, head) > epsilon.get();
    }

    static String format(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    public ReadOnlyObjectProperty<RunResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public RunResult getResult() {
        return result.get();
    }

    public StringProperty epsilonTextProperty() {
        return epsilonText;
    }

    public ReadOnlyDoubleProperty epsilonProperty() {
        return epsilon.getReadOnlyProperty();
    }

    public double getEpsilon() {
        return epsilon.get();
    }

    public ReadOnlyBooleanProperty epsilonValidProperty() {
        return epsilonValid.getReadOnlyProperty();
    }

    public boolean isEpsilonValid() {
        return epsilonValid.get();
    }

    public ReadOnlyDoubleProperty sinkRateProperty() {
        return sinkRate.getReadOnlyProperty();
    }

    public double getSinkRate() {
        return sinkRate.get();
    }

    /** Per layer, the share of heads above epsilon (a fresh array on every change). */
    public ReadOnlyObjectProperty<double[]> sinkRateByLayerProperty() {
        return sinkRateByLayer.getReadOnlyProperty();
    }

    public double[] getSinkRateByLayer() {
        return sinkRateByLayer.get().clone();
    }

    /** The focused head's received attention per key, empty when no head is open. */
    public ReadOnlyObjectProperty<double[]> receivedProperty() {
        return received.getReadOnlyProperty();
    }

    public double[] getReceived() {
        return received.get().clone();
    }

    public ReadOnlyStringProperty receivedTitleProperty() {
        return receivedTitle.getReadOnlyProperty();
    }

    public String getReceivedTitle() {
        return receivedTitle.get();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public String getSummary() {
        return summary.get();
    }
}
