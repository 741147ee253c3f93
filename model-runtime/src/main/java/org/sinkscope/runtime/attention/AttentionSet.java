package org.sinkscope.runtime.attention;

/**
 * Every layer's and head's attention probabilities for one run: {@code layers x heads x T x T}
 * float32 values, one flat row-major array per layer (no nested or boxed arrays). Row i is the
 * query, column j the key.
 *
 * <p>A model session may reuse a set's arrays for a later run once the set itself is garbage
 * (see the session's ArrayPool). Code that reads the arrays directly ({@link #layerData(int)},
 * {@link HeadMatrix#array()}) must therefore keep the set (or the HeadMatrix, which holds it)
 * reachable until it is done, with {@link java.lang.ref.Reference#reachabilityFence(Object)}
 * where nothing else uses it afterwards.
 */
public final class AttentionSet {
    private final int layers;
    private final int heads;
    private final int tokens;
    private final float[][] data;
    private final boolean causal;

    /**
     * @param data one array per layer, each of length heads * tokens * tokens, laid out [h][i][j];
     *             the arrays are taken, not copied
     */
    public AttentionSet(int heads, int tokens, float[][] data) {
        this(heads, tokens, data, null);
    }

    /**
     * As {@link #AttentionSet(int, int, float[][])}, with causality already found by the caller's own
     * pass over every entry (a run checks its attention while copying it, and saves this class a
     * second pass over the upper triangles).
     */
    public AttentionSet(int heads, int tokens, float[][] data, boolean causal) {
        this(heads, tokens, data, Boolean.valueOf(causal));
    }

    private AttentionSet(int heads, int tokens, float[][] data, Boolean knownCausal) {
        if (heads <= 0 || tokens <= 0 || data.length == 0) {
            throw new IllegalArgumentException("empty attention: heads=" + heads + " tokens=" + tokens + " layers=" + data.length);
        }
        long perLayer = (long) heads * tokens * tokens;
        for (float[] layer : data) {
            if (layer.length != perLayer) {
                throw new IllegalArgumentException("layer holds " + layer.length + " values, expected " + perLayer);
            }
        }
        this.layers = data.length;
        this.heads = heads;
        this.tokens = tokens;
        this.data = data;
        this.causal = knownCausal != null ? knownCausal : detectCausal();
    }

    public int layers() {
        return layers;
    }

    public int heads() {
        return heads;
    }

    public int tokens() {
        return tokens;
    }

    /** True when no query attends to a later key (A[i][j] = 0 for j > i) in any head. */
    public boolean causal() {
        return causal;
    }

    public float get(int layer, int head, int query, int key) {
        return data[layer][offset(head, query, key)];
    }

    /**
     * The flat array of one layer, laid out [head][query][key]; callers must not modify it, and must
     * keep this set reachable while they read it (see the class comment).
     */
    public float[] layerData(int layer) {
        return data[layer];
    }

    /** Index of (head, query, key) inside {@link #layerData(int)}. */
    public int offset(int head, int query, int key) {
        return (head * tokens + query) * tokens + key;
    }

    /** One head's T x T matrix as a view over the layer array. */
    public HeadMatrix head(int layer, int head) {
        return new HeadMatrix(data[layer], head * tokens * tokens, tokens, this);
    }

    /** Bytes held: 4 per probability. */
    public long sizeInBytes() {
        return 4L * layers * heads * tokens * tokens;
    }

    private boolean detectCausal() {
        if (tokens == 1) {
            return true;
        }
        for (float[] layer : data) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < tokens - 1; i++) {
                    int row = offset(h, i, 0);
                    for (int j = i + 1; j < tokens; j++) {
                        if (layer[row + j] != 0f) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /**
     * A read-only view of one head's matrix. It holds its set, so that a view in use keeps the set's
     * arrays from being reused; code reading {@link #array()} keeps the view reachable until done.
     */
    public record HeadMatrix(float[] array, int base, int tokens, AttentionSet set) {
        public float get(int query, int key) {
            return array[base + query * tokens + key];
        }

        /** Index of row {@code query}'s first entry in {@link #array()}. */
        public int rowStart(int query) {
            return base + query * tokens;
        }
    }
}
