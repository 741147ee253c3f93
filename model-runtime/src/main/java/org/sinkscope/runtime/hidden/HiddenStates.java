package org.sinkscope.runtime.hidden;

/**
 * The residual stream h^(0..L) of one run: {@code count()} states of T x D float32 values, one
 * flat row-major array each (row j = position j). State 0 is the embedding output.
 */
public final class HiddenStates {
    private final int tokens;
    private final int width;
    private final float[][] states;

    public HiddenStates(int tokens, int width, float[][] states) {
        for (float[] s : states) {
            if (s.length != (long) tokens * width) {
                throw new IllegalArgumentException("state holds " + s.length + " values, expected " + tokens + " x " + width);
            }
        }
        this.tokens = tokens;
        this.width = width;
        this.states = states;
    }

    /** L + 1: the embedding output and each layer's output. */
    public int count() {
        return states.length;
    }

    public int tokens() {
        return tokens;
    }

    /** D, the model width. */
    public int width() {
        return width;
    }

    public float get(int state, int position, int dim) {
        return states[state][position * width + dim];
    }

    /** The flat [T][D] array of one state; callers must not modify it. */
    public float[] stateData(int state) {
        return states[state];
    }
}
