package org.sinkscope.runtime.metrics;

/**
 * Rows of attention as a sweep reads them, one (layer, head, query) at a time. A run's capture
 * implements it to store and check each row while the sweep has it in cache (see
 * {@link CausalRowMetrics}); a stored set's rows are copied out of its arrays.
 */
@FunctionalInterface
public interface AttentionRows {
    /**
     * Puts the weights of keys 0..visible-1 of query {@code query} of {@code head} in {@code layer} into
     * {@code row[0..visible)}; {@code row} holds at least as many floats as there are tokens.
     */
    void read(int layer, int head, int query, float[] row, int visible);
}
