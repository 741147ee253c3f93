package org.sinkscope.runtime.session;

import java.nio.FloatBuffer;
import org.sinkscope.runtime.metrics.AttentionRows;
import org.sinkscope.runtime.metrics.CausalRowMetrics;

/**
 * Copies a causal run's attention out of ONNX Runtime's buffers and measures it on the way: each
 * row is read from native memory once, into the sweep's scratch row, stored below its diagonal in
 * the layer array, and measured while in cache (see {@link CausalRowMetrics}).
 *
 * <p>Causality is shown rather than assumed, without reading every weight past each diagonal
 * (half the attention): every row's weights on keys 0..i must sum to 1 within
 * {@link #ROW_TOLERANCE} (weights are never negative, so later keys then hold less than that
 * together), and every {@value #CHECKED_ROWS_EVERY}th query's later keys must be exactly zero, as
 * a masked softmax leaves them. Anything else (an encoder, a leak past the mask, NaN, rows that
 * are not probabilities) gives null, and the run is copied with every check instead
 * ({@link AttentionCopy}), which names what is wrong.
 */
final class CausalCapture {
    static final int CHECKED_ROWS_EVERY = 64;
    /** Float32 softmax rows of the shipped models sum to 1 within 1e-6. */
    static final double ROW_TOLERANCE = 1e-5;

    private CausalCapture() {
    }

    /** Thrown by a checked row with weight past its diagonal, to stop the sweep at once. */
    private static final class NotCausal extends RuntimeException {
        NotCausal() {
            super(null, null, false, false);
        }
    }

    /**
     * @param from  one buffer per layer, {@code heads x t x t} floats from index 0
     * @param into  one array per layer, zero above every diagonal, where rows are stored up to it; a
     *              null layer is given a fresh array by the core that takes the layer
     * @return the metrics of the stored attention, or null when it is not shown to be causal
     *         probabilities; then a core may still be finishing a layer into {@code into} for a
     *         moment, so those arrays are best left alone
     */
    static CausalRowMetrics measure(FloatBuffer[] from, float[][] into, int heads, int t, boolean excludeFirstQuery) {
        AttentionRows rows = (layer, head, query, row, visible) -> {
            if (into[layer] == null) { // a layer's rows are read by one core, query 0 of head 0 first
                into[layer] = new float[heads * t * t];
            }
            int base = (head * t + query) * t;
            boolean checked = query % CHECKED_ROWS_EVERY == 0;
            from[layer].get(base, row, 0, checked ? t : visible);
            if (checked && !AttentionCopy.allZero(row, visible, t)) {
                throw new NotCausal();
            }
            System.arraycopy(row, 0, into[layer], base, visible);
        };
        CausalRowMetrics measured;
        try {
            measured = CausalRowMetrics.sweep(rows, from.length, heads, t, excludeFirstQuery);
        } catch (NotCausal e) {
            return null;
        }
        return measured.worstRowSumError() <= ROW_TOLERANCE ? measured : null; // NaN fails too
    }
}
