package org.sinkscope.app.ui.experiments;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.sinkscope.app.ui.task.BackgroundExecutor;
import org.sinkscope.app.ui.task.BackgroundWork;
import org.sinkscope.runtime.ModelException;

/**
 * The state every experiment shares: its last result, whether it is running, a status line and
 * an error line. Only the newest run's outcome is kept; a failure leaves the last result shown.
 */
public final class ExperimentTask<R> {
    private final BackgroundExecutor executor;
    private final AtomicLong latest = new AtomicLong();
    private final ReadOnlyObjectWrapper<R> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Press Run.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public ExperimentTask(BackgroundExecutor executor) {
        this.executor = Objects.requireNonNull(executor);
    }

    /** Starts {@code work}; {@code done} says in one line what the result shows. */
    public void launch(String what, BackgroundWork<R> work, java.util.function.Function<R, String> done) {
        long id = latest.incrementAndGet();
        running.set(true);
        error.set("");
        status.set(what + "\u2026");
        executor.execute(work, r -> {
            if (id == latest.get()) {
                running.set(false);
                result.set(r);
                status.set(done.apply(r));
            }
        }, e -> {
            if (id == latest.get()) {
                running.set(false);
                error.set(oneLine(e));
                status.set(result.get() == null ? "Nothing to show yet." : "Showing the last result.");
            }
        });
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
