package org.sinkscope.app.ui.export;

import java.util.Locale;
import org.sinkscope.runtime.metrics.Analysis;

/**
 * Every metric of an analysis as one CSV table: a row per head (layer-major), with the head's
 * own metrics followed by its layer's (repeated on each of the layer's rows), so one file holds
 * both and any spreadsheet or {@code pandas.read_csv} reads it. Numbers are written with
 * {@link Double#toString(double)}, which reads back to the same double.
 */
public final class MetricsCsv {
    public static final String HEADER = "layer,head,sinkScore,entropy,isSink,sinkRate,sinkShare,mixingEntropy,"
            + "ablatedSinkShare,ablatedMixingEntropy,epsilon";

    private MetricsCsv() {
    }

    public static String of(Analysis a) {
        int layers = a.attention().layers();
        int heads = a.attention().heads();
        double eps = a.epsilon();
        double[] rate = a.sinkRateByLayer();
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                double score = a.sinks().sinkScore(l, h);
                b.append(l).append(',').append(h).append(',')
                        .append(num(score)).append(',')
                        .append(num(a.entropy().entropy(l, h))).append(',')
                        .append(score > eps ? "true" : "false").append(',')
                        .append(num(rate[l])).append(',')
                        .append(num(a.mixing().sinkShare()[l])).append(',')
                        .append(num(a.mixing().mixingEntropy()[l])).append(',')
                        .append(num(a.mixing().ablatedSinkShare()[l])).append(',')
                        .append(num(a.mixing().ablatedMixingEntropy()[l])).append(',')
                        .append(num(eps)).append('\n');
            }
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "NaN" : Double.toString(v).toLowerCase(Locale.ROOT);
    }
}
