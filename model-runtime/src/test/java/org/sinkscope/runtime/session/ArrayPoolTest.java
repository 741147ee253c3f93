package org.sinkscope.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.testing.Fixtures;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/** Arrays are reused only once the set holding them is garbage, and a reused run equals a fresh one. */
class ArrayPoolTest {

    /** Collects until {@code ref} is cleared (HotSpot clears a weakly held object at the first full GC). */
    private static void collect(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 50 && !ref.refersTo(null); i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(ref.refersTo(null)).as("collected").isTrue();
    }

    /** Lends {@code arrays} to {@code pool} under a set that is then dropped and collected. */
    private static void lendAndDrop(ArrayPool pool, float[][] arrays) throws InterruptedException {
        AttentionSet owner = new AttentionSet(1, 1, arrays);
        pool.lend(owner, arrays);
        WeakReference<AttentionSet> ref = new WeakReference<>(owner);
        owner = null;
        collect(ref);
    }

    private static float[][] arrays(int layers, int length) {
        float[][] a = new float[layers][length];
        for (float[] layer : a) {
            layer[0] = 1; // a 1 x 1 x 1 "attention" per layer
        }
        return a;
    }

    @Test
    void arraysOfALiveSetAreNeverHandedOut() {
        ArrayPool pool = new ArrayPool();
        float[][] held = arrays(2, 1);
        AttentionSet owner = new AttentionSet(1, 1, held);
        pool.lend(owner, held);
        assertThat(pool.take(2, 1)).isNull();
        assertThat(owner.layers()).isEqualTo(2); // still in use up to here
    }

    @Test
    void arraysOfACollectedSetAreHandedOutOnceAndOnlyForTheirShape() throws Exception {
        ArrayPool pool = new ArrayPool();
        lendAndDrop(pool, arrays(2, 1));

        assertThat(pool.take(3, 1)).as("another shape").isNull();
        assertThat(pool.take(2, 1)).as("forgotten when another shape was asked for").isNull();

        float[][] again = arrays(2, 1);
        lendAndDrop(pool, again);
        assertThat(pool.take(2, 1)).isSameAs(again);
        assertThat(pool.take(2, 1)).as("handed out once").isNull();
    }

    @Test
    void aRunIntoTheArraysOfACollectedRunEqualsAFreshRun() throws Exception {
        ModelSource source = ModelSource.resolve("demo:tinysink-llama");
        try (ModelSession s = ModelSession.open(source); ModelSession fresh = ModelSession.open(source)) {
            TokenizedPrompt longer = s.tokenize("Snow fell all night on the quiet village, and in the morning the children"
                    + " ran out to build a snowman.", true);
            TokenizedPrompt shorter = s.tokenize("The cat sat on the mat and looked at the old dog by the fire.", true);
            s.run(longer); // learns the output shapes, so the next runs are pinned
            AttentionSet first = s.run(longer);
            float[] firstLayer = first.layerData(0); // identity only: never read after the set is gone
            WeakReference<AttentionSet> ref = new WeakReference<>(first);
            first = null;
            collect(ref);

            AttentionSet reused = s.run(longer);
            assertThat(reused.layerData(0)).as("the collected run's arrays").isSameAs(firstLayer);
            assertThat(Fixtures.maxAbsDifference(reused, fresh.run(longer))).isLessThan(1e-6);
            // a run of another length gets arrays of its own, and the reused set is untouched by it
            AttentionSet other = s.run(shorter);
            assertThat(other.layerData(0)).isNotSameAs(reused.layerData(0));
            assertThat(Fixtures.maxAbsDifference(reused, fresh.run(longer))).isLessThan(1e-6);
        }
    }

    @Test
    void aLongRunLetsThePooledArraysOfShortOnesGo() throws Exception {
        ModelSource source = ModelSource.resolve("demo:tinysink-llama");
        try (ModelSession s = ModelSession.open(source)) {
            TokenizedPrompt shortPrompt = s.tokenize("The cat sat on the mat.", true);
            s.run(shortPrompt); // learns the shapes
            WeakReference<float[]> pooled = new WeakReference<>(s.run(shortPrompt).layerData(0)); // lent to the pool
            // 1,100 tokens: 8 x 8 x 1,100^2 floats = 295 MiB, above the pinned limit
            long[] ids = new long[1100];
            java.util.Arrays.fill(ids, 265);
            ids[0] = 0;
            assertThat(s.run(s.fromIds(ids)).tokens()).isEqualTo(1100);
            collect(pooled); // the short run's arrays are no longer held
        }
    }
}
