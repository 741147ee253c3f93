package org.sinkscope.runtime.metrics;

import java.lang.ref.SoftReference;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.sinkscope.runtime.attention.AttentionSet;

/**
 * Every number of METRICS.md sections 1 to 3 in one pass over the attention. Long prompts go
 * layer by layer from the top, each layer's rows split across the cores; short ones with enough
 * layers give each core whole layers (see {@link #byLayer}).
 *
 * <p>Reading a row of one head once gives its share of token 0 (sink score), its column sums
 * (received attention), its entropy and its mass on keys 1..T-1; a second sweep over the same row,
 * still in cache, adds it into the layer's head mean M = (1/H) sum_h A_h and into the head mean M'
 * of the sink-ablated A'. The rollout then needs only M: v Ahat = 0.5 v + 0.5 v M, a factor H
 * less work than multiplying by every head. Row T-1 of R(l) = Ahat(l) ... Ahat(0) is carried as
 * one vector per layer l (a "chain"). Layer after layer, all chains pass through a layer while its
 * M is at hand, so each layer is read once and only two T x T float matrices are held at any time;
 * whole layers at once, every layer's M and M' are kept until the chains have passed.
 *
 * <p>Entropy uses {@link #ln(float)}, a table logarithm four times faster than {@link Math#log}
 * and within 1.5e-8 of it per term p ln p (documented in METRICS.md section 6).
 */
final class MetricsSweep {
    /** The results, each [L][H] or [L][H][T] / [L][T]. */
    record Result(double[][] sinkScore, double[][][] received, double[][] entropy, double[][] lastRow,
            double[][] ablatedLastRow) {
    }

    private MetricsSweep() {
    }

    /** Sink scores and received attention only (no entropy, no rollout): a sink-rate sweep's need. */
    static Result sinks(AttentionSet a, boolean excludeFirstQuery) {
        return run(a, excludeFirstQuery, false);
    }

    static Result all(AttentionSet a, boolean excludeFirstQuery) {
        return run(a, excludeFirstQuery, true);
    }

    private static Result run(AttentionSet a, boolean excludeFirstQuery, boolean full) {
        if (byLayer(a)) {
            return layersAtOnce(a, excludeFirstQuery, full);
        }
        // small layers are done on this thread: handing them to the pool costs more than it saves
        boolean parallel = (long) a.heads() * a.tokens() * a.tokens() >= PARALLEL_FROM;
        return layerAfterLayer(a, excludeFirstQuery, full, parallel);
    }

    /**
     * Whether the cores take whole layers ({@link #layersAtOnce}) rather than share each layer's rows:
     * when there are enough layers to keep every core busy, enough attention to pay for handing them
     * out, and every layer's two head means fit {@link #HEAD_MEANS_AT_ONCE_UP_TO}. On the 2-core
     * machine of BENCHMARKS.md (8 layers x 8 heads) whole layers took 1.6 ms at 128 tokens (2.8 on
     * one thread, 2.8 sharing rows), 4.1-4.5 at 256 (7.1, 4.8-5.0), 16 at 512 (18 sharing rows), and
     * the same as one thread at 32-64 tokens.
     */
    static boolean byLayer(AttentionSet a) {
        long entries = (long) a.layers() * a.heads() * a.tokens() * a.tokens();
        long meanFloats = 2L * a.layers() * a.tokens() * a.tokens();
        return a.layers() >= 2 * Runtime.getRuntime().availableProcessors() && entries >= LAYERS_AT_ONCE_FROM
                && meanFloats <= HEAD_MEANS_AT_ONCE_UP_TO;
    }

    /** Entries in all layers from which whole layers go to the cores: ~90 tokens of an 8 x 8 model. */
    private static final long LAYERS_AT_ONCE_FROM = 1L << 19;

    /** 32 MiB of head means: every layer's at once up to ~700 tokens of an 8-layer model. */
    private static final long HEAD_MEANS_AT_ONCE_UP_TO = 8L << 20;

    /**
     * Layers from the top, each layer's rows split across the cores, then the chains through it: two
     * fork-join rounds per layer, and only one layer's head means held at a time.
     */
    static Result layerAfterLayer(AttentionSet a, boolean excludeFirstQuery, boolean full, boolean parallel) {
        int layers = a.layers();
        int heads = a.heads();
        int t = a.tokens();
        PerLayer perLayer = new PerLayer(layers);
        double[][] chain = full ? new double[layers][] : null;
        double[][] ablatedChain = full ? new double[layers][] : null;
        float[] mean = full ? new float[t * t] : null;
        float[] ablatedMean = full ? new float[t * t] : null;
        int[] blocks = rowBlocks(t, a.causal(), parallel ? 2 * Runtime.getRuntime().availableProcessors() : 1);
        for (int k = layers - 1; k >= 0; k--) {
            int layer = k;
            Partial[] parts = new Partial[blocks.length - 1];
            maybeParallel(IntStream.range(0, parts.length), parallel).forEach(b -> parts[b] = sweepRows(a, layer,
                    blocks[b], blocks[b + 1], excludeFirstQuery, full, mean, ablatedMean));
            merge(a, parts, excludeFirstQuery, perLayer, k);
            if (full) {
                chain[k] = oneHot(t);
                ablatedChain[k] = oneHot(t);
                // chains k..L-1 pass through this layer: regular ones at 2c, ablated ones at 2c + 1
                maybeParallel(IntStream.range(2 * k, 2 * layers), parallel).forEach(c -> {
                    double[][] which = c % 2 == 0 ? chain : ablatedChain;
                    which[c / 2] = throughLayer(which[c / 2], c % 2 == 0 ? mean : ablatedMean, t, heads, a.causal());
                });
            }
        }
        return perLayer.with(chain, ablatedChain);
    }

    /**
     * Whole layers to the cores (no hand-over inside a layer), every layer's head means kept, then
     * every chain down through them, the chains spread over the cores: two fork-join rounds in all.
     * Only fast with the means' arrays reused: allocating 16 MiB of them afresh each call made it 43
     * ms at 512 tokens on the machine of BENCHMARKS.md, against 16 reused.
     */
    static Result layersAtOnce(AttentionSet a, boolean excludeFirstQuery, boolean full) {
        int layers = a.layers();
        int heads = a.heads();
        int t = a.tokens();
        PerLayer perLayer = new PerLayer(layers);
        float[][] means = full ? HEAD_MEANS.borrow(2 * layers, t * t) : null;
        IntStream.range(0, layers).parallel().forEach(k -> {
            Partial p = sweepRows(a, k, 0, t, excludeFirstQuery, full, full ? means[2 * k] : null,
                    full ? means[2 * k + 1] : null);
            merge(a, new Partial[] {p}, excludeFirstQuery, perLayer, k);
        });
        if (!full) {
            return perLayer.with(null, null);
        }
        double[][] chain = new double[layers][];
        double[][] ablatedChain = new double[layers][];
        // the chain of layer c / 2, regular for even c and ablated for odd c, down to layer 0
        IntStream.range(0, 2 * layers).parallel().forEach(c -> {
            double[] v = oneHot(t);
            for (int k = c / 2; k >= 0; k--) {
                v = throughLayer(v, means[2 * k + c % 2], t, heads, a.causal());
            }
            (c % 2 == 0 ? chain : ablatedChain)[c / 2] = v;
        });
        HEAD_MEANS.giveBack(means);
        return perLayer.with(chain, ablatedChain);
    }

    private static final ScratchArrays HEAD_MEANS = new ScratchArrays();

    /**
     * Float arrays lent to one sweep at a time and kept for the next (softly, so a short heap takes
     * them back). Every entry a sweep reads it has written first, so they are not cleared.
     */
    private static final class ScratchArrays {
        private final AtomicReference<SoftReference<float[][]>> kept = new AtomicReference<>();

        /** {@code count} arrays of {@code length}: the kept ones when they fit, else new ones. */
        float[][] borrow(int count, int length) {
            SoftReference<float[][]> ref = kept.getAndSet(null); // a concurrent sweep gets new ones
            float[][] arrays = ref == null ? null : ref.get();
            if (arrays != null && arrays.length == count && arrays[0].length == length) {
                return arrays;
            }
            arrays = new float[count][];
            for (int k = 0; k < count; k++) {
                arrays[k] = new float[length];
            }
            return arrays;
        }

        void giveBack(float[][] arrays) {
            kept.set(new SoftReference<>(arrays));
        }
    }

    /**
     * Entries per layer from which {@link #layerAfterLayer} spreads a layer's rows and the chains over
     * the cores. Each layer is two fork-join rounds; on the 2-core machine of BENCHMARKS.md that pays
     * from about 360 tokens x 8 heads (22 vs 31 ms at 512 tokens) and costs below it (2.8 vs 2.4 ms
     * at 128). It paid only from ~1,000 tokens while ONNX Runtime's idle workers still spun on the
     * cores after each run (see ModelSession.sessionSettings).
     */
    static final long PARALLEL_FROM = 1L << 20;

    private static IntStream maybeParallel(IntStream s, boolean parallel) {
        return parallel ? s.parallel() : s;
    }

    /** Each layer's sink scores, received attention and entropy, as {@link #merge} fills them in. */
    private record PerLayer(double[][] sink, double[][][] received, double[][] entropy) {
        PerLayer(int layers) {
            this(new double[layers][], new double[layers][][], new double[layers][]);
        }

        Result with(double[][] chain, double[][] ablatedChain) {
            return new Result(sink, received, entropy, chain, ablatedChain);
        }
    }

    /** One block's sums over its rows, per head. */
    private static final class Partial {
        final double[] sink;
        final double[] entropy;
        final double[][] columns;

        Partial(int heads, int t) {
            sink = new double[heads];
            entropy = new double[heads];
            columns = new double[heads][t];
        }
    }

    private static Partial sweepRows(AttentionSet a, int layer, int from, int to, boolean excludeFirstQuery,
            boolean full, float[] mean, float[] ablatedMean) {
        int heads = a.heads();
        int t = a.tokens();
        boolean causal = a.causal();
        int first = excludeFirstQuery && t > 1 ? 1 : 0;
        float[] d = a.layerData(layer);
        Partial p = new Partial(heads, t);
        int[] rows = new int[heads];
        float[] weights = new float[heads];
        boolean[] ablated = new boolean[heads];
        for (int i = from; i < to; i++) {
            int visible = causal ? i + 1 : t;
            double lnVisible = Math.log(visible);
            for (int h = 0; h < heads; h++) {
                int row = a.offset(h, i, 0);
                double[] column = p.columns[h];
                float p0 = d[row];
                column[0] += p0;
                if (i >= first) {
                    p.sink[h] += p0;
                }
                if (!full) {
                    for (int j = 1; j < visible; j++) {
                        column[j] += d[row + j];
                    }
                    continue;
                }
                double h0 = p0 >= Float.MIN_NORMAL ? p0 * ln(p0) : 0;
                double h1 = 0;
                double mass = 0;
                for (int j = 1; j < visible; j++) {
                    float q = d[row + j];
                    column[j] += q;
                    mass += q;
                    if (q >= Float.MIN_NORMAL) { // below it, q ln q < 1e-36
                        h1 += q * ln(q);
                    }
                }
                if (i >= 1 && visible > 1) {
                    p.entropy[h] += -(h0 + h1) / lnVisible;
                }
                // the head means need every head's row: kept for after the last head
                rows[h] = row;
                ablated[h] = mass > MixingMetrics.MIN_CONTENT_MASS;
                weights[h] = ablated[h] ? (float) (1 / mass) : 1f;
            }
            if (full) {
                addHeadMeans(d, rows, weights, ablated, visible, mean, ablatedMean, i * t);
            }
        }
        java.lang.ref.Reference.reachabilityFence(a); // its arrays were read directly
        return p;
    }

    /**
     * Row i of the layer's head sums, M (attention) and M' (the sink-ablated rows: keys 1.. scaled
     * by the row's weight, key 0 dropped), written at {@code m}. Each key's column of heads is summed
     * in a register, head 0 first, so every row of M and M' is written once instead of read and
     * written once per head; the sums, in the same order, are the same floats.
     */
    private static void addHeadMeans(float[] d, int[] rows, float[] weights, boolean[] ablated, int visible,
            float[] mean, float[] ablatedMean, int m) {
        int heads = rows.length;
        float s0 = 0f;
        float a0 = 0f;
        for (int h = 0; h < heads; h++) {
            float p0 = d[rows[h]];
            s0 += p0;
            a0 += ablated[h] ? 0f : p0;
        }
        mean[m] = s0;
        ablatedMean[m] = a0;
        for (int j = 1; j < visible; j++) {
            float q = d[rows[0] + j];
            float s = q;
            float sa = q * weights[0];
            for (int h = 1; h < heads; h++) {
                q = d[rows[h] + j];
                s += q;
                sa += q * weights[h];
            }
            mean[m + j] = s;
            ablatedMean[m + j] = sa;
        }
    }

    /** Adds the blocks' sums in block order (the same order on every run), then divides. */
    private static void merge(AttentionSet a, Partial[] parts, boolean excludeFirstQuery, PerLayer into, int layer) {
        double[][] sink = into.sink();
        double[][][] received = into.received();
        double[][] entropy = into.entropy();
        int heads = a.heads();
        int t = a.tokens();
        int first = excludeFirstQuery && t > 1 ? 1 : 0;
        sink[layer] = new double[heads];
        entropy[layer] = new double[heads];
        received[layer] = new double[heads][t];
        for (Partial p : parts) {
            for (int h = 0; h < heads; h++) {
                sink[layer][h] += p.sink[h];
                entropy[layer][h] += p.entropy[h];
                double[] column = received[layer][h];
                for (int k = 0; k < t; k++) {
                    column[k] += p.columns[h][k];
                }
            }
        }
        for (int h = 0; h < heads; h++) {
            sink[layer][h] /= t - first;
            entropy[layer][h] = t > 1 ? entropy[layer][h] / (t - 1) : 0;
            for (int k = 0; k < t; k++) {
                received[layer][h][k] /= a.causal() ? t - k : t;
            }
        }
    }

    /** v Ahat = 0.5 v + 0.5 v M, with M the head sum divided by H. */
    private static double[] throughLayer(double[] v, float[] headSum, int t, int heads, boolean causal) {
        double[] out = new double[t];
        for (int i = 0; i < t; i++) {
            double vi = v[i];
            if (vi == 0) {
                continue; // a chain starts one-hot
            }
            int m = i * t;
            int visible = causal ? i + 1 : t;
            for (int j = 0; j < visible; j++) {
                out[j] += vi * headSum[m + j];
            }
        }
        double headWeight = 0.5 / heads;
        for (int j = 0; j < t; j++) {
            out[j] = 0.5 * v[j] + headWeight * out[j];
        }
        return out;
    }

    private static double[] oneHot(int t) {
        double[] v = new double[t];
        v[t - 1] = 1;
        return v;
    }

    /**
     * Row boundaries splitting the work evenly: equal row counts for full matrices, equal areas
     * for causal ones (row i holds i + 1 entries).
     */
    static int[] rowBlocks(int t, boolean causal, int wanted) {
        int n = Math.max(1, Math.min(wanted, t));
        int[] b = new int[n + 1];
        for (int q = 1; q < n; q++) {
            double f = (double) q / n;
            b[q] = (int) Math.round(causal ? t * Math.sqrt(f) : t * f);
            b[q] = Math.max(b[q - 1], Math.min(t, b[q]));
        }
        b[n] = t;
        return b;
    }

    private static final double LN2 = Math.log(2);
    private static final int TABLE_BITS = 12;
    private static final double[] LN_TABLE = new double[1 << TABLE_BITS];
    private static final double[] INV_TABLE = new double[1 << TABLE_BITS];

    static {
        for (int i = 0; i < LN_TABLE.length; i++) {
            double m = 1 + (double) i / LN_TABLE.length;
            LN_TABLE[i] = Math.log(m);
            INV_TABLE[i] = 1 / m;
        }
    }

    /**
     * ln x for a normal positive float: x = 2^e m, m = m0 + r with m0 from the top 12 mantissa
     * bits; ln m = ln m0 + ln(1 + r/m0) ~ ln m0 + u - u^2/2, u = r/m0 < 2.5e-4, so the error is
     * below u^3/3 < 5e-12.
     */
    static double ln(float x) {
        int bits = Float.floatToRawIntBits(x);
        int index = (bits >>> (23 - TABLE_BITS)) & ((1 << TABLE_BITS) - 1);
        double u = (bits & ((1 << (23 - TABLE_BITS)) - 1)) * 0x1p-23 * INV_TABLE[index];
        return ((bits >>> 23) - 127) * LN2 + LN_TABLE[index] + u - 0.5 * u * u;
    }
}
