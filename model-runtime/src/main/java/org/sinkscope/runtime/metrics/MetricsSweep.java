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
 * <p>Each row is first copied into a scratch row of its own: the JIT of Java 17 turns a loop into
 * vector instructions only when its arrays are read at the same index, so {@code sum[j] += row[j]}
 * runs 16 floats at a time where {@code sum[j] += layer[rowStart + j]} ran one (the column sums,
 * the head means and the chains all became such loops). Column sums and chains add in float for
 * {@value #FLOAT_RUN} rows at a time, then into double.
 *
 * <p>Entropy uses {@link #ln(float)}, a table logarithm three times as fast as {@link Math#log}
 * and within 7.6e-6 of it (documented in METRICS.md section 6).
 */
final class MetricsSweep {
    /** The results, each [L][H] or [L][H][T] / [L][T]. */
    record Result(double[][] sinkScore, double[][][] received, double[][] entropy, double[][] lastRow,
            double[][] ablatedLastRow, double worstRowError) {
    }

    /** What a sweep needs to know of the attention besides its rows. */
    record Shape(int layers, int heads, int tokens, boolean causal) {
        static Shape of(AttentionSet a) {
            return new Shape(a.layers(), a.heads(), a.tokens(), a.causal());
        }
    }

    /** The rows of a set, copied out of its layer arrays. */
    private static AttentionRows rowsOf(AttentionSet a) {
        return (layer, head, query, row, visible) -> System.arraycopy(a.layerData(layer), a.offset(head, query, 0), row,
                0, visible);
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
        Result r;
        if (byLayer(a)) {
            r = layersAtOnce(a, excludeFirstQuery, full);
        } else {
            // small layers are done on this thread: handing them to the pool costs more than it saves
            boolean parallel = (long) a.heads() * a.tokens() * a.tokens() >= PARALLEL_FROM;
            r = layerAfterLayer(a, excludeFirstQuery, full, parallel);
        }
        java.lang.ref.Reference.reachabilityFence(a); // its arrays were read directly
        return r;
    }

    /**
     * Every metric of a causal run's attention from its rows, each read once through {@code rows}
     * (which may store and check it on the way), whole layers to the cores as in {@link #layersAtOnce}.
     */
    static Result causalRows(AttentionRows rows, int layers, int heads, int tokens, boolean excludeFirstQuery) {
        if (!headMeansFit(layers, tokens)) {
            throw new IllegalArgumentException(layers + " layers of " + tokens + " tokens: their head means do not fit");
        }
        return layersAtOnce(rows, new Shape(layers, heads, tokens, true), excludeFirstQuery, true);
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
        return a.layers() >= 2 * Runtime.getRuntime().availableProcessors() && entries >= LAYERS_AT_ONCE_FROM
                && headMeansFit(a.layers(), a.tokens());
    }

    /** Whether every layer's two head means fit {@link #HEAD_MEANS_AT_ONCE_UP_TO}, as whole layers at once need. */
    static boolean headMeansFit(int layers, int tokens) {
        return 2L * layers * tokens * tokens <= HEAD_MEANS_AT_ONCE_UP_TO;
    }

    /** Entries in all layers from which whole layers go to the cores: ~90 tokens of an 8 x 8 model. */
    private static final long LAYERS_AT_ONCE_FROM = 1L << 19;

    /** 32 MiB of head means: every layer's at once up to ~700 tokens of an 8-layer model. */
    private static final long HEAD_MEANS_AT_ONCE_UP_TO = 8L << 20;

    /**
     * Layers from the top, each layer's rows split across the cores, then the chains through it: two
     * fork-join rounds per layer, and only one layer's head means held at a time.
     */
    static Result layerAfterLayer(AttentionSet set, boolean excludeFirstQuery, boolean full, boolean parallel) {
        AttentionRows rows = rowsOf(set);
        Shape a = Shape.of(set);
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
            maybeParallel(IntStream.range(0, parts.length), parallel).forEach(b -> parts[b] = sweepRows(rows, a, layer,
                    blocks[b], blocks[b + 1], excludeFirstQuery, full, mean, ablatedMean));
            merge(a, parts, excludeFirstQuery, perLayer, k);
            if (full) {
                chain[k] = oneHot(t);
                ablatedChain[k] = oneHot(t);
                // chains k..L-1 pass through this layer, in groups that each read its head means once
                int groups = parallel ? chainGroups() : 1;
                maybeParallel(IntStream.range(0, 2 * groups), parallel).forEach(g -> throughLayer(
                        g % 2 == 0 ? chain : ablatedChain, layer, g / 2, groups, g % 2 == 0 ? mean : ablatedMean, t, heads,
                        a.causal()));
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
        return layersAtOnce(rowsOf(a), Shape.of(a), excludeFirstQuery, full);
    }

    private static Result layersAtOnce(AttentionRows rows, Shape a, boolean excludeFirstQuery, boolean full) {
        int layers = a.layers();
        int heads = a.heads();
        int t = a.tokens();
        PerLayer perLayer = new PerLayer(layers);
        float[][] means = full ? HEAD_MEANS.borrow(2 * layers, t * t) : null;
        IntStream.range(0, layers).parallel().forEach(k -> {
            Partial p = sweepRows(rows, a, k, 0, t, excludeFirstQuery, full, full ? means[2 * k] : null,
                    full ? means[2 * k + 1] : null);
            merge(a, new Partial[] {p}, excludeFirstQuery, perLayer, k);
        });
        if (!full) {
            return perLayer.with(null, null);
        }
        double[][] chain = new double[layers][];
        double[][] ablatedChain = new double[layers][];
        // each group of chains (regular for even g, ablated for odd g) goes down through every layer,
        // starting the chain of each layer it reaches
        int groups = chainGroups();
        IntStream.range(0, 2 * groups).parallel().forEach(g -> {
            double[][] chains = g % 2 == 0 ? chain : ablatedChain;
            for (int k = layers - 1; k >= 0; k--) {
                if ((layers - 1 - k) % groups == g / 2) {
                    chains[k] = oneHot(t);
                }
                throughLayer(chains, k, g / 2, groups, means[2 * k + g % 2], t, heads, a.causal());
            }
        });
        HEAD_MEANS.giveBack(means);
        return perLayer.with(chain, ablatedChain);
    }

    private static final ScratchArrays HEAD_MEANS = new ScratchArrays();

    /**
     * A thread's rows and running sums, kept for its next sweep. Fresh ones cost more than the
     * sweep's arithmetic on the machine of BENCHMARKS.md, where new memory faults page by page.
     * Running sums are handed out cleared.
     */
    private static final class Scratch {
        private static final ThreadLocal<SoftReference<Scratch>> KEPT = new ThreadLocal<>();

        final float[][] rowOf;
        final float[][] recentColumns;
        /** A row of the head means, or of a layer's head sum on its way into the chains. */
        final float[] meanRow;
        final float[] ablatedRow;
        private float[][] recentChains = new float[0][];

        private Scratch(int heads, int t) {
            rowOf = new float[heads][t];
            recentColumns = new float[heads][t];
            meanRow = new float[t];
            ablatedRow = new float[t];
        }

        static Scratch of(int heads, int t) {
            SoftReference<Scratch> ref = KEPT.get();
            Scratch s = ref == null ? null : ref.get();
            if (s == null || s.rowOf.length != heads || s.meanRow.length != t) {
                s = new Scratch(heads, t);
                KEPT.set(new SoftReference<>(s));
            } else {
                clear(s.recentColumns);
            }
            return s;
        }

        float[][] recentChains(int chains) {
            if (recentChains.length < chains) {
                recentChains = new float[chains][meanRow.length];
            } else {
                clear(recentChains);
            }
            return recentChains;
        }

        private static void clear(float[][] arrays) {
            for (float[] a : arrays) {
                java.util.Arrays.fill(a, 0f);
            }
        }
    }

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
    private record PerLayer(double[][] sink, double[][][] received, double[][] entropy, double[] worstRowError) {
        PerLayer(int layers) {
            this(new double[layers][], new double[layers][][], new double[layers][], new double[layers]);
        }

        Result with(double[][] chain, double[][] ablatedChain) {
            double worst = 0;
            for (double e : worstRowError) {
                worst = worse(worst, e);
            }
            return new Result(sink, received, entropy, chain, ablatedChain, worst);
        }
    }

    /** One block's sums over its rows, per head. */
    private static final class Partial {
        final double[] sink;
        final double[] entropy;
        final double[][] columns;
        /** Column sums of the rows since the last {@link #flush}, in float so that they vectorize. */
        final float[][] recent;
        /** The largest |sum of a row - 1| met (full sweeps only; NaN once a row held NaN). */
        double worstRowError;

        Partial(int heads, int t, float[][] recent) {
            sink = new double[heads];
            entropy = new double[heads];
            columns = new double[heads][t];
            this.recent = recent;
        }

        /** Moves the recent column sums, over keys 0..reach-1, into the double ones. */
        void flush(int reach) {
            moveRun(recent, columns, columns.length, reach);
        }
    }

    /** Adds {@code run[k][0..reach)} into {@code sums[k]} for k < count, and clears the run for the next rows. */
    private static void moveRun(float[][] run, double[][] sums, int count, int reach) {
        for (int k = 0; k < count; k++) {
            double[] sum = sums[k];
            float[] r = run[k];
            for (int j = 0; j < reach; j++) {
                sum[j] += r[j];
                r[j] = 0f;
            }
        }
    }

    /** Rows (of the attention, of a chain's sum) added in float before the sum moves into double. */
    private static final int FLOAT_RUN = 64;

    private static Partial sweepRows(AttentionRows rows, Shape a, int layer, int from, int to,
            boolean excludeFirstQuery, boolean full, float[] mean, float[] ablatedMean) {
        int heads = a.heads();
        int t = a.tokens();
        boolean causal = a.causal();
        int first = excludeFirstQuery && t > 1 ? 1 : 0;
        Scratch scratch = Scratch.of(heads, t);
        Partial p = new Partial(heads, t, scratch.recentColumns);
        float[][] rowOf = scratch.rowOf;
        float[] weights = new float[heads];
        boolean[] ablated = new boolean[heads];
        float[] meanRow = scratch.meanRow;
        float[] ablatedRow = scratch.ablatedRow;
        int visible = 0;
        for (int i = from; i < to; i++) {
            visible = causal ? i + 1 : t;
            double lnVisible = Math.log(visible);
            for (int h = 0; h < heads; h++) {
                float[] row = rowOf[h];
                rows.read(layer, h, i, row, visible);
                float[] recent = p.recent[h];
                for (int j = 0; j < visible; j++) {
                    recent[j] += row[j];
                }
                float p0 = row[0];
                if (i >= first) {
                    p.sink[h] += p0;
                }
                if (!full) {
                    continue;
                }
                // two sums of each, so that each addition need not wait for the one before
                double h0 = pLnP(p0);
                double h1 = 0;
                double h2 = 0;
                double mass1 = 0;
                double mass2 = 0;
                int j = 1;
                for (; j + 1 < visible; j += 2) {
                    float q1 = row[j];
                    float q2 = row[j + 1];
                    mass1 += q1;
                    mass2 += q2;
                    h1 += pLnP(q1);
                    h2 += pLnP(q2);
                }
                if (j < visible) {
                    mass1 += row[j];
                    h1 += pLnP(row[j]);
                }
                double mass = mass1 + mass2;
                p.worstRowError = worse(p.worstRowError, Math.abs(p0 + mass - 1));
                if (i >= 1 && visible > 1) {
                    p.entropy[h] += -(h0 + (h1 + h2)) / lnVisible;
                }
                ablated[h] = mass > MixingMetrics.MIN_CONTENT_MASS;
                weights[h] = ablated[h] ? (float) (1 / mass) : 1f;
            }
            if (full) {
                addHeadMeans(rowOf, weights, ablated, visible, meanRow, ablatedRow);
                System.arraycopy(meanRow, 0, mean, i * t, visible);
                System.arraycopy(ablatedRow, 0, ablatedMean, i * t, visible);
            }
            if ((i - from) % FLOAT_RUN == FLOAT_RUN - 1) {
                p.flush(visible);
            }
        }
        p.flush(causal ? to : t);
        return p;
    }

    /** The larger of two row errors; NaN, once met, stays. */
    private static double worse(double error, double other) {
        return Double.isNaN(error) || error >= other ? error : other;
    }

    /** p ln p, 0 below the smallest normal float (where it is under 1e-36 in size). */
    private static double pLnP(float p) {
        return p >= Float.MIN_NORMAL ? p * ln(p) : 0;
    }

    /**
     * Row i of the layer's head sums, M (attention) and M' (the sink-ablated rows: keys 1.. scaled
     * by the row's weight, key 0 dropped), from every head's row. Heads are added in order, head 0
     * first, each key by itself, so the sums are the same floats however the loops are vectorized.
     */
    private static void addHeadMeans(float[][] rowOf, float[] weights, boolean[] ablated, int visible,
            float[] meanRow, float[] ablatedRow) {
        float[] row = rowOf[0];
        float w = weights[0];
        for (int j = 0; j < visible; j++) {
            meanRow[j] = row[j];
            ablatedRow[j] = row[j] * w;
        }
        for (int h = 1; h < rowOf.length; h++) {
            row = rowOf[h];
            w = weights[h];
            for (int j = 0; j < visible; j++) {
                meanRow[j] += row[j];
                ablatedRow[j] += row[j] * w;
            }
        }
        float key0 = 0f;
        for (int h = 0; h < rowOf.length; h++) {
            key0 += ablated[h] ? 0f : rowOf[h][0];
        }
        ablatedRow[0] = key0;
    }

    /** Adds the blocks' sums in block order (the same order on every run), then divides. */
    private static void merge(Shape a, Partial[] parts, boolean excludeFirstQuery, PerLayer into, int layer) {
        double[][] sink = into.sink();
        double[][][] received = into.received();
        double[][] entropy = into.entropy();
        int heads = a.heads();
        int t = a.tokens();
        int first = excludeFirstQuery && t > 1 ? 1 : 0;
        sink[layer] = new double[heads];
        entropy[layer] = new double[heads];
        // one block (whole layers): its column sums become the result, adding them to zeros changes nothing
        received[layer] = parts.length == 1 ? parts[0].columns : new double[heads][t];
        for (Partial p : parts) {
            into.worstRowError()[layer] = worse(into.worstRowError()[layer], p.worstRowError);
            for (int h = 0; h < heads; h++) {
                sink[layer][h] += p.sink[h];
                entropy[layer][h] += p.entropy[h];
                if (parts.length > 1) {
                    double[] column = received[layer][h];
                    for (int k = 0; k < t; k++) {
                        column[k] += p.columns[h][k];
                    }
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

    /**
     * Groups of chains that go through a layer on one core each, two groups (regular, ablated) per
     * pair of cores: every group reads the layer's head sum once, whatever its number of chains.
     */
    private static int chainGroups() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * v Ahat = 0.5 v + 0.5 v M, with M the head sum divided by H, for the chains of layers k..L-1
     * in {@code group} (chain c is in group (L - 1 - c) mod groups). Each row of M is copied out once
     * and added into every chain; the products add in float for {@value #FLOAT_RUN} rows at a time.
     */
    private static void throughLayer(double[][] chains, int k, int group, int groups, float[] headSum, int t,
            int heads, boolean causal) {
        int layers = chains.length;
        int[] members = IntStream.range(k, layers).filter(c -> (layers - 1 - c) % groups == group).toArray();
        if (members.length == 0) {
            return;
        }
        double[][] sums = new double[members.length][t];
        Scratch scratch = Scratch.of(heads, t);
        float[][] recent = scratch.recentChains(members.length);
        float[] row = scratch.meanRow;
        int reach = 0;
        for (int i = 0; i < t; i++) {
            int visible = causal ? i + 1 : t;
            boolean copied = false;
            for (int m = 0; m < members.length; m++) {
                double vi = chains[members[m]][i];
                if (vi == 0) {
                    continue; // a chain starts one-hot
                }
                if (!copied) {
                    System.arraycopy(headSum, i * t, row, 0, visible);
                    copied = true;
                    reach = Math.max(reach, visible);
                }
                float weight = (float) vi;
                float[] r = recent[m];
                for (int j = 0; j < visible; j++) {
                    r[j] += weight * row[j];
                }
            }
            if (i % FLOAT_RUN == FLOAT_RUN - 1 || i == t - 1) {
                moveRun(recent, sums, members.length, reach);
                reach = 0;
            }
        }
        double headWeight = 0.5 / heads;
        for (int m = 0; m < members.length; m++) {
            double[] v = chains[members[m]];
            double[] out = sums[m];
            for (int j = 0; j < t; j++) {
                out[j] = 0.5 * v[j] + headWeight * out[j];
            }
            chains[members[m]] = out;
        }
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

    private static final int TABLE_BITS = 16;
    /** ln m for the 2^16 mantissas m = 1 + k / 2^16 of [1, 2), in float (256 KiB: L2, not L1). */
    private static final float[] LN_TABLE = new float[1 << TABLE_BITS];
    /** e ln 2 for the biased exponent e + 127 of a float. */
    private static final double[] EXPONENT_LN = new double[256];

    static {
        for (int k = 0; k < LN_TABLE.length; k++) {
            LN_TABLE[k] = (float) Math.log(1 + (double) k / LN_TABLE.length);
        }
        for (int e = 0; e < EXPONENT_LN.length; e++) {
            EXPONENT_LN[e] = (e - 127) * Math.log(2);
        }
    }

    /**
     * ln x for a normal positive float: x = 2^e m with m rounded to the nearest of the table's 2^16
     * mantissas (rounding up to 2 carries into the exponent), so the error is at most half a step,
     * 2^-17 = 7.6e-6, and nothing where m has 16 bits or fewer (powers of two, 0.75, ...). Each
     * entropy term costs less than half of Math.log's, and a fifth less than with a 4,096-entry
     * table and a first-order correction (within 3e-8): the whole sweep took 13% less at 512
     * tokens, its logarithms being its largest part. A row's weights sum to 1, so its entropy is
     * within 7.6e-6 as well, far inside the 1e-4 the app's numbers are held to.
     */
    static double ln(float x) {
        int rounded = (Float.floatToRawIntBits(x) + (1 << (22 - TABLE_BITS))) >>> (23 - TABLE_BITS);
        return EXPONENT_LN[(rounded >>> TABLE_BITS) & 0xff] + LN_TABLE[rounded & ((1 << TABLE_BITS) - 1)];
    }
}
