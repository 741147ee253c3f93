package org.sinkscope.app.ui.main;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sinkscope.app.ui.grid.GridViewModel;
import org.sinkscope.app.ui.head.HeadViewModel;
import org.sinkscope.app.ui.run.ModelRunner;
import org.sinkscope.app.ui.run.RunRequest;
import org.sinkscope.app.ui.run.RunResult;
import org.sinkscope.app.ui.sinks.SinksViewModel;
import org.sinkscope.app.ui.task.BackgroundExecutor;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.source.DemoModel;
import org.sinkscope.runtime.source.ModelSource;

/**
 * The window's state and its one action, Run. Runs go through the injected executor; each run
 * gets a number, and only the newest run's outcome is shown: a run superseded before it starts
 * is skipped, one superseded while it runs is dropped when it ends. A failure shows one line and
 * leaves the last result on screen.
 */
public final class MainViewModel {
    /** Used when a model that is not a demo is opened with no prompt typed. */
    static final String FALLBACK_PROMPT = "The cat sat on the mat and looked at the old dog sleeping by the fire.";

    private final BackgroundExecutor executor;
    private final ModelRunner runner;
    private final ObservableList<DemoModel> demos;
    private final GridViewModel grid = new GridViewModel();
    private final HeadViewModel head = new HeadViewModel();
    private final SinksViewModel sinks = new SinksViewModel();

    private final ReadOnlyStringWrapper modelSpec = new ReadOnlyStringWrapper("");
    private final StringProperty prompt = new SimpleStringProperty("");
    private final BooleanProperty withBos = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose a model and press Run.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<RunResult> result = new ReadOnlyObjectWrapper<>();

    /** Read on the worker thread to skip superseded runs, hence atomic. */
    private final AtomicLong latestRun = new AtomicLong();
    /** The model the runner has loaded (so the status can say "Loading" only when it will). */
    private String loadedSpec;

    public MainViewModel(BackgroundExecutor executor, ModelRunner runner, List<DemoModel> demos) {
        this.executor = Objects.requireNonNull(executor);
        this.runner = Objects.requireNonNull(runner);
        this.demos = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(demos));
    }

    /**
     * The first screen: the given model (or the default demo) with the given prompt (or the
     * demo's), run at once so that a result is on screen without a click.
     */
    public void start(String modelSpecOrNull, String promptOrNull) {
        DemoModel fallbackDemo = demos.stream().filter(DemoModel::isDefault).findFirst()
                .orElse(demos.isEmpty() ? null : demos.get(0));
        String spec = modelSpecOrNull != null && !modelSpecOrNull.isBlank() ? modelSpecOrNull
                : fallbackDemo == null ? null : ModelSource.DEMO_PREFIX + fallbackDemo.name();
        if (spec == null) {
            status.set("No demo models found: open a model file.");
            return;
        }
        modelSpec.set(spec);
        prompt.set(promptOrNull != null ? promptOrNull : demoFor(spec).map(DemoModel::prompt)
                .orElse(fallbackDemo != null ? fallbackDemo.prompt() : FALLBACK_PROMPT));
        run();
    }

    /** Picks a demo: its prompt replaces the prompt unless the user wrote their own; then runs. */
    public void selectDemo(DemoModel demo) {
        if (demo == null || (ModelSource.DEMO_PREFIX + demo.name()).equals(modelSpec.get())) {
            return;
        }
        boolean ownPrompt = !prompt.get().isBlank() && demos.stream().noneMatch(d -> d.prompt().equals(prompt.get()));
        if (!ownPrompt) {
            prompt.set(demo.prompt());
        }
        openModel(ModelSource.DEMO_PREFIX + demo.name());
    }

    /** Switches to a model (a path, folder or demo:NAME) and runs the current prompt on it. */
    public void openModel(String spec) {
        modelSpec.set(spec);
        if (prompt.get().isBlank()) {
            prompt.set(FALLBACK_PROMPT);
        }
        run();
    }

    /** Runs the current prompt on the current model; supersedes any run in flight. */
    public void run() {
        long id = latestRun.incrementAndGet();
        RunRequest request = new RunRequest(modelSpec.get(), prompt.get(), withBos.get());
        running.set(true);
        boolean loading = !request.modelSpec().equals(loadedSpec);
        status.set((loading ? "Loading " + request.modelSpec() + " and running" : "Running " + request.modelSpec())
                + (request.withBos() ? " with BOS" : " without BOS") + "\u2026");
        executor.execute(() -> {
            if (id != latestRun.get()) {
                throw new Superseded(); // a newer run is queued behind this one: skip the work
            }
            return runner.run(request);
        }, r -> {
            if (id == latestRun.get()) {
                succeeded(r);
            }
        }, e -> {
            if (id == latestRun.get() && !(e instanceof Superseded)) {
                failed(request, e);
            }
        });
    }

    private void succeeded(RunResult r) {
        running.set(false);
        loadedSpec = r.request().modelSpec();
        error.set("");
        result.set(r);
        grid.show(r);
        sinks.show(r);
        head.show(r);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s \u00b7 %d tokens%s \u00b7 %d layers \u00d7 %d heads"
                + " \u00b7 attention from %s \u00b7 %.2f s", r.modelName(), r.tokens(),
                r.prompt().bosPrepended() ? " (BOS first)" : "", r.layers(), r.heads(), r.attentionSource(),
                r.millis() / 1000.0));
        r.notes().forEach(n -> s.append(" \u00b7 note: ").append(n));
        status.set(s.toString());
    }

    private void failed(RunRequest request, Throwable e) {
        running.set(false);
        error.set(oneLine(e));
        RunResult last = result.get();
        if (last != null) {
            // the screen keeps the last result, so the model shown and named must be that one
            modelSpec.set(last.request().modelSpec());
            status.set("Showing the last result: " + last.modelName() + " \u00b7 " + last.tokens() + " tokens.");
        } else {
            status.set("Nothing to show yet: " + request.modelSpec() + " could not be run.");
        }
    }

    /** A message fit for one line of the error bar; ModelException messages are written for users already. */
    static String oneLine(Throwable e) {
        String message;
        if (e instanceof ModelException) {
            message = e.getMessage();
        } else if (e instanceof StackOverflowError) {
            message = "the run overflowed the worker thread's stack: try a shorter prompt";
        } else if (e instanceof OutOfMemoryError) {
            message = "out of memory: try a shorter prompt or a smaller model, or start SinkScope with a larger -Xmx";
        } else {
            message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.strip().lines().findFirst().orElse("").strip();
    }

    public void dismissError() {
        error.set("");
    }

    /** Releases the model session once the worker is free; call when the window closes. */
    public void close() {
        latestRun.incrementAndGet();
        executor.execute(() -> {
            runner.close();
            return null;
        }, ignored -> { }, ignored -> { });
    }

    private java.util.Optional<DemoModel> demoFor(String spec) {
        return demos.stream().filter(d -> (ModelSource.DEMO_PREFIX + d.name()).equals(spec)).findFirst();
    }

    /** Thrown inside work that a newer run made pointless; never shown. */
    private static final class Superseded extends RuntimeException {
        Superseded() {
            super("superseded by a newer run", null, false, false);
        }
    }

    public ObservableList<DemoModel> demos() {
        return demos;
    }

    public GridViewModel grid() {
        return grid;
    }

    public HeadViewModel head() {
        return head;
    }

    public SinksViewModel sinks() {
        return sinks;
    }

    public ReadOnlyStringProperty modelSpecProperty() {
        return modelSpec.getReadOnlyProperty();
    }

    public String getModelSpec() {
        return modelSpec.get();
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public BooleanProperty withBosProperty() {
        return withBos;
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

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    public ReadOnlyObjectProperty<RunResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public RunResult getResult() {
        return result.get();
    }
}
