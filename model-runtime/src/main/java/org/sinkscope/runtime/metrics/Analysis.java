package org.sinkscope.runtime.metrics;

import java.util.Objects;
import org.sinkscope.runtime.attention.AttentionSet;

/**
 * One run's attention with every metric of METRICS.md sections 1 to 3, and the sink threshold
 * epsilon the sink rates are read at.
 */
public record Analysis(AttentionSet attention, SinkMetrics sinks, EntropyMetrics entropy, MixingMetrics mixing,
                       double epsilon) {

    public Analysis {
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(sinks, "sinks");
        Objects.requireNonNull(entropy, "entropy");
        Objects.requireNonNull(mixing, "mixing");
        SinkMetrics.checkEpsilon(epsilon);
    }

    /** Refuses a sink threshold outside [0, 1], before any work is done. */
    public static void checkEpsilon(double epsilon) {
        SinkMetrics.checkEpsilon(epsilon);
    }

    /** Computes all metrics; epsilon is checked before any work is done. */
    public static Analysis of(AttentionSet a, double epsilon, boolean excludeFirstQuery) {
        SinkMetrics.checkEpsilon(epsilon);
        return of(a, MetricsSweep.all(a, excludeFirstQuery), epsilon, excludeFirstQuery);
    }

    static Analysis of(AttentionSet a, MetricsSweep.Result sweep, double epsilon, boolean excludeFirstQuery) {
        return new Analysis(a, SinkMetrics.of(sweep, excludeFirstQuery), new EntropyMetrics(sweep.entropy()),
                new MixingMetrics(sweep.lastRow(), sweep.ablatedLastRow()), epsilon);
    }

    /** The same metrics read at another threshold; nothing is recomputed. */
    public Analysis withEpsilon(double newEpsilon) {
        return new Analysis(attention, sinks, entropy, mixing, newEpsilon);
    }

    /** {@link SinkMetrics#sinkRate(double)} at this analysis's epsilon. */
    public double sinkRate() {
        return sinks.sinkRate(epsilon);
    }

    /** {@link SinkMetrics#sinkRateByLayer(double)} at this analysis's epsilon. */
    public double[] sinkRateByLayer() {
        return sinks.sinkRateByLayer(epsilon);
    }
}
