package org.sinkscope.runtime.session;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Iterator;
import org.sinkscope.runtime.attention.AttentionSet;

/**
 * The layer arrays of earlier runs' attention, handed to a new run of the same shape once the
 * {@link AttentionSet} that held them has been collected. Each small run otherwise asks the JVM
 * for tens of MiB of fresh arrays, zeroed and often on memory the process has not touched yet,
 * and collects more often: on the benchmark VM (a page fault costs 5-12 us there) copying the
 * attention of 512 tokens took 37-49 ms without the pool and 8-11 ms with it (medians of 9 runs,
 * `./sinkscope bench --lengths 512 --repeat 9`, three processes each), and analyze 123-265 ms
 * against 87-92. A set becomes reusable at the first collection after it is dropped, which the
 * launcher's small young generation (-XX:MaxNewSize=64m) brings every few runs. Reuse is safe
 * because readers of the arrays keep their set reachable while reading (see AttentionSet's class
 * comment); a reused array is overwritten whole, or below its diagonals only where it comes from a
 * causal set and so holds zeros above them ({@link #take(int, int, boolean)}).
 *
 * <p>Only runs within {@link PinnedOutputs#LIMIT_BYTES} are pooled, and at most {@link #KEEP}
 * sets' arrays are remembered, so the pool holds at most twice that limit beyond live results;
 * a longer run empties it before its memory check (ModelSession.checkMemory).
 */
final class ArrayPool {
    static final int KEEP = 2;

    /** {@code causal}: the owner was causal, so its arrays hold zeros above every diagonal. */
    private record Lent(WeakReference<AttentionSet> owner, float[][] arrays, boolean causal) {
    }

    private final ArrayDeque<Lent> lent = new ArrayDeque<>();

    /**
     * Arrays of {@code layers x length} floats whose set is gone, or null; sets that are gone but of
     * another shape are forgotten on the way, so their memory goes back to the collector.
     */
    synchronized float[][] take(int layers, int length) {
        return take(layers, length, false);
    }

    /**
     * As {@link #take(int, int)}; with {@code zeroAboveDiagonal}, only arrays of a causal set, which a
     * causal run may fill below the diagonal alone.
     */
    synchronized float[][] take(int layers, int length, boolean zeroAboveDiagonal) {
        float[][] found = null;
        for (Iterator<Lent> it = lent.iterator(); it.hasNext(); ) {
            Lent l = it.next();
            if (!l.owner().refersTo(null)) {
                continue; // still in use
            }
            it.remove();
            if (found == null && l.arrays().length == layers && l.arrays()[0].length == length
                    && (l.causal() || !zeroAboveDiagonal)) {
                found = l.arrays();
            }
        }
        return found;
    }

    /** Remembers that {@code owner} holds {@code arrays}, for reuse once it is collected. */
    synchronized void lend(AttentionSet owner, float[][] arrays) {
        lent.addLast(new Lent(new WeakReference<>(owner), arrays, owner.causal()));
        while (lent.size() > KEEP) {
            lent.removeFirst();
        }
    }

    synchronized void clear() {
        lent.clear();
    }
}
