package org.sinkscope.runtime.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.metrics.SinkMetrics;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.session.RunCancellation;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * Sink rate against prompt length: runs prefixes of one token sequence (BOS included in the
 * count) and judges each head's sink score (METRICS.md section 1) at one epsilon.
 */
public final class ContextSweep {
    /** The result: one entry per length that was run. */
    public record Result(int[] lengths, double[] sinkRate, double[][] sinkRateByLayer, double[] meanSinkScore,
            double epsilon, List<String> skipped) {
    }

    private ContextSweep() {
    }

    /** 16, 32, 64, ... up to {@code max}, and {@code max} itself when it is not a power of two. */
    public static int[] defaultLengths(int max) {
        List<Integer> lengths = new ArrayList<>();
        for (int n = 16; n < max; n *= 2) {
            lengths.add(n);
        }
        lengths.add(max);
        return lengths.stream().mapToInt(Integer::intValue).toArray();
    }

    public static Result run(ModelSession session, TokenizedPrompt full, int[] lengths, double epsilon)
            throws ModelException {
        return run(session, full, lengths, epsilon, new RunCancellation());
    }

    /** As {@link #run(ModelSession, TokenizedPrompt, int[], double)}, stopped through {@code cancellation}. */
    public static Result run(ModelSession session, TokenizedPrompt full, int[] lengths, double epsilon,
            RunCancellation cancellation) throws ModelException {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("sink threshold epsilon must be in [0, 1], got " + epsilon);
        }
        List<Integer> done = new ArrayList<>();
        List<double[]> byLayer = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int n : lengths) {
            if (n < 1) {
                throw new ModelException("length " + n + " is not a positive token count: give lengths such as 16,32,64");
            }
            if (n > full.length()) {
                skipped.add("length " + n + " skipped: the prompt has only " + full.length() + " tokens");
                continue;
            }
            SinkMetrics sinks = SinkMetrics.compute(session.run(prefix(full, n), false, cancellation).attention(), false);
            done.add(n);
            rates.add(sinks.sinkRate(epsilon));
            byLayer.add(sinks.sinkRateByLayer(epsilon));
            means.add(Arrays.stream(sinks.sinkScore()).flatMapToDouble(Arrays::stream).average().orElse(0));
        }
        if (done.isEmpty()) {
            throw new ModelException("the prompt has " + full.length() + " tokens, shorter than every requested length:"
                    + " give a longer prompt file or shorter --lengths");
        }
        return new Result(done.stream().mapToInt(Integer::intValue).toArray(),
                rates.stream().mapToDouble(Double::doubleValue).toArray(), byLayer.toArray(new double[0][]),
                means.stream().mapToDouble(Double::doubleValue).toArray(), epsilon, List.copyOf(skipped));
    }

    static TokenizedPrompt prefix(TokenizedPrompt full, int n) {
        return new TokenizedPrompt(Arrays.copyOf(full.ids(), n), Arrays.copyOf(full.typeIds(), n),
                Arrays.copyOf(full.texts(), n), full.bosPrepended());
    }
}
