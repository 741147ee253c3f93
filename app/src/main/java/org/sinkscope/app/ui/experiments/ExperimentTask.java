package org.sinkscope.app.ui.experiments;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.sinkscope.app.ui.task.BackgroundExecutor;
import org.sinkscope.app.ui.task.BackgroundWork;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.session.RunCancellation;

/**
 * The state every experiment shares: its last result, whether it is running, a status line and
 * an error line. Only the newest run's outcome is kept; a failure leaves the last result shown.
 * Each run gets its own {@link RunCancellation}: {@link #cancel()} stops it inside ONNX Runtime, and
 * a new run stops the one it replaces.
 */
public final class ExperimentTask<R> {
    private final BackgroundExecutor executor;
    /** The newest run's cancellation: the one record of which run is current. */
    private final AtomicReference<RunCancellation> current = new AtomicReference<>(new RunCancellation());
    private final ReadOnlyObjectWrapper<R> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Press Run.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public ExperimentTask(BackgroundExecutor executor) {
        this.executor = Objects.requireNonNull(executor);
    }

    /** An experiment's work, stoppable through the cancellation it is given. */
    @FunctionalInterface
    public interface Work<R> {
        R call(RunCancellation cancellation) throws Exception;
    }

    /** Starts {@code work}, stopping the run before it; {@code done} says in one line what the result shows. */
    public void launch(String what, Work<R> work, java.util.function.Function<R, String> done) {
        RunCancellation cancellation = new RunCancellation();
        current.getAndSet(cancellation).cancel();
        running.set(true);
        error.set("");
        status.set(what + "\u2026");
        BackgroundWork<R> call = () -> work.call(cancellation);
        executor.execute(call, r -> {
            if (current.get() == cancellation) {
                running.set(false);
                result.set(r);
                status.set(done.apply(r));
            }
        }, e -> {
            if (current.get() == cancellation) {
                running.set(false);
                boolean stopped = e instanceof RunCancellation.Cancelled;
                error.set(stopped ? "" : oneLine(e));
                status.set((stopped ? "Cancelled. " : "") + (result.get() == null ? "Nothing to show yet."
                        : "Showing the last result."));
            }
        });
    }

    /** Stops the run in progress, if any (its outcome is then "Cancelled"); any thread. */
    public void cancel() {
        current.get().cancel();
    }

    /** Replaces the result without running anything (e.g. the same runs judged at a new epsilon). */
    public void replace(R r) {
        result.set(r);
    }

    static String oneLine(Throwable e) {
        String m = e instanceof ModelException || e instanceof IllegalArgumentException ? e.getMessage()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.strip().lines().findFirst().orElse("").strip();
    }

    public ReadOnlyObjectProperty<R> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public R getResult() {
        return result.get();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public String getStatus() {
        return status.get();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String getError() {
        return error.get();
    }
}
