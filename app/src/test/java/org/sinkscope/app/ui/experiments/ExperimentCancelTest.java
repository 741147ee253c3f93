package org.sinkscope.app.ui.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sinkscope.app.ui.task.BackgroundExecutor;
import org.sinkscope.app.ui.task.BackgroundWork;

/**
 * An experiment is stopped by Cancel, or by the run that replaces it: its outcome is "Cancelled",
 * not an error, and the last result stays. Work starts on another thread only when the test lets
 * it, so the cancellation is known to arrive first, whatever the machine's speed.
 */
class ExperimentCancelTest {
    /** Runs each piece of work on its own thread once {@link #release} is called. */
    private static final class GatedExecutor implements BackgroundExecutor {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch finished = new CountDownLatch(2);

        @Override
        public <T> void execute(BackgroundWork<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
            new Thread(() -> {
                try {
                    release.await();
                    onSuccess.accept(work.call());
                } catch (Exception | Error e) {
                    onFailure.accept(e);
                } finally {
                    finished.countDown();
                }
            }, "experiment-test").start();
        }
    }

    private final GatedExecutor executor = new GatedExecutor();
    private final ExperimentsViewModel vm = new ExperimentsViewModel(executor, new ExperimentRunner());

    @AfterEach
    void close() {
        vm.close();
    }

    @Test
    void cancelStopsASweepAndIsNotAnError() throws Exception {
        vm.inputs().modelSpecProperty().set("demo:tinysink-llama");
        vm.sweep().maxLengthProperty().set(64);
        ExperimentTask<SweepViewModel.Result> task = vm.sweep().task();

        vm.sweep().run();
        assertThat(task.runningProperty().get()).isTrue();
        task.cancel();
        executor.release.countDown();
        executor.finished.countDown(); // one run only
        assertThat(executor.finished.await(60, TimeUnit.SECONDS)).isTrue();

        assertThat(task.runningProperty().get()).isFalse();
        assertThat(task.getError()).isEmpty();
        assertThat(task.getStatus()).isEqualTo("Cancelled. Nothing to show yet.");
        assertThat(task.getResult()).isNull();
    }

    @Test
    void aNewRunStopsTheOneItReplacesAndShowsItsOwnResult() throws Exception {
        vm.inputs().modelSpecProperty().set("demo:tinysink-llama");
        vm.inputs().promptProperty().set("The cat sat on the mat and looked at the old dog sleeping by the fire.");
        ExperimentTask<BosCompareViewModel.Result> task = vm.bos().task();

        vm.bos().run();
        vm.bos().run(); // the first is cancelled before it starts, the second runs
        executor.release.countDown();
        assertThat(executor.finished.await(60, TimeUnit.SECONDS)).isTrue();

        assertThat(task.getError()).isEmpty();
        assertThat(task.getResult()).isNotNull();
        assertThat(task.getStatus()).contains("with BOS").doesNotContain("Cancelled");
    }
}
