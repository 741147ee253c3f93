package org.sinkscope.app.ui.main;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sinkscope.app.ui.task.BackgroundExecutor;
import org.sinkscope.app.ui.task.BackgroundWork;

/**
 * An executor the test drives step by step: work runs when {@link #work(int)} is called and its
 * outcome is delivered when {@link #deliver(int)} is, so a test can interleave two runs.
 */
final class ManualExecutor implements BackgroundExecutor {
    private final List<Job<?>> jobs = new ArrayList<>();

    private static final class Job<T> {
        final BackgroundWork<T> work;
        final Consumer<? super T> onSuccess;
        final Consumer<? super Throwable> onFailure;
        T result;
        Throwable failure;

        Job(BackgroundWork<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
            this.work = work;
            this.onSuccess = onSuccess;
            this.onFailure = onFailure;
        }

        void work() {
            try {
                result = work.call();
            } catch (Exception | Error e) {
                failure = e;
            }
        }

        void deliver() {
            if (failure != null) {
                onFailure.accept(failure);
            } else {
                onSuccess.accept(result);
            }
        }
    }

    @Override
    public <T> void execute(BackgroundWork<T> work, Consumer<? super T> onSuccess,
            Consumer<? super Throwable> onFailure) {
        jobs.add(new Job<>(work, onSuccess, onFailure));
    }

    /** Runs job k's work on this thread without delivering the outcome. */
    void work(int k) {
        jobs.get(k).work();
    }

    /** Hands job k's outcome to its callbacks, as the FX thread would. */
    void deliver(int k) {
        jobs.get(k).deliver();
    }

    Object outcome(int k) {
        Job<?> j = jobs.get(k);
        return j.failure != null ? j.failure : j.result;
    }
}
