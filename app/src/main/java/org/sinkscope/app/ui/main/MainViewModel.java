package org.sinkscope.app.ui.main;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
import org.sinkscope.app.ui.mixing.MixingViewModel;
import org.sinkscope.app.ui.run.ModelRunner;
import org.sinkscope.app.ui.run.RunRequest;
import org.sinkscope.app.ui.run.RunResult;
import org.sinkscope.app.ui.sinks.SinksViewModel;
import org.sinkscope.app.ui.task.BackgroundExecutor;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.session.RunCancellation;
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
    /**
     * The newest run's cancellation, and the only record of which run is current: a run whose
     * cancellation is cancelled (by Cancel, a newer run, an opened analysis or close) is stopped
     * and its late result or error dropped. A fresh, never cancelled one before the first run.
     */
    private final java.util.concurrent.atomic.AtomicReference<RunCancellation> inFlight =
            new java.util.concurrent.atomic.AtomicReference<>(new RunCancellation());
    private final ModelRunner runner;
    private final ObservableList<DemoModel> demos;
    /** Models that ran lately, most recent first (demos included), remembered between sessions. */
    private final ObservableList<String> recentModels = FXCollections.observableArrayList();
    /** One read-only view, kept: a view made per call listens weakly and can be collected with its listeners. */
    private final ObservableList<String> recentModelsView = FXCollections.unmodifiableObservableList(recentModels);
    private static final int MAX_RECENT = 8;
    private final GridViewModel grid = new GridViewModel();
    private final HeadViewModel head = new HeadViewModel();
    private final SinksViewModel sinks = new SinksViewModel();
    private final MixingViewModel mixing = new MixingViewModel();
    /** The Experiments tab (issue 5): BOS on/off, perturbation, sweep, model comparison, hidden states. */
    private final org.sinkscope.app.ui.experiments.ExperimentsViewModel experiments;
    private final org.sinkscope.app.ui.tokens.TokenStripViewModel tokens = new org.sinkscope.app.ui.tokens.TokenStripViewModel();

    private final ReadOnlyStringWrapper modelSpec = new ReadOnlyStringWrapper("");
    private final StringProperty prompt = new SimpleStringProperty("");
    private final BooleanProperty withBos = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose a model and press Run.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorDetails = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<RunResult> result = new ReadOnlyObjectWrapper<>();

    /** The model the runner has loaded (so the status can say "Loading" only when it will). */
    private String loadedSpec;
    /** The default demo, to open when the remembered model of the first screen fails; null once used. */
    private String startFallback;

    private final org.sinkscope.app.ui.settings.SettingsStore settings;
    /** File and Edit menus: open/save analyses, export figures and data (issue 4). */
    private final org.sinkscope.app.ui.export.ExportViewModel export;

    /** A window that remembers nothing between runs. */
    public MainViewModel(BackgroundExecutor executor, ModelRunner runner, List<DemoModel> demos) {
        this(executor, runner, demos, new org.sinkscope.app.ui.settings.MemorySettingsStore());
    }

    /**
     * A window that restores epsilon, colour map and log scale from {@code settings}, opens the
     * last model used when started without one, and writes each of them back as it changes.
     */
    public MainViewModel(BackgroundExecutor executor, ModelRunner runner, List<DemoModel> demos,
            org.sinkscope.app.ui.settings.SettingsStore settings) {
        this.settings = Objects.requireNonNull(settings);
        restoreSettings();
        this.executor = Objects.requireNonNull(executor);
        this.runner = Objects.requireNonNull(runner);
        this.demos = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(demos));
        settings.get(org.sinkscope.app.ui.settings.SettingsStore.RECENT_MODELS, "").lines()
                .filter(l -> !l.isBlank()).limit(MAX_RECENT).forEach(recentModels::add);
        // the sinks panel profiles the received attention of the head that is open
        head.shownProperty().addListener((obs, old, shown) -> sinks.focusHead(shown == null ? -1 : shown.layer(),
                shown == null ? -1 : shown.head()));
        export = new org.sinkscope.app.ui.export.ExportViewModel(executor, result.getReadOnlyProperty(), head, sinks,
                new ExportHost());
        experiments = new org.sinkscope.app.ui.experiments.ExperimentsViewModel(executor,
                new org.sinkscope.app.ui.experiments.ExperimentRunner());
        experiments.inputs().modelSpecProperty().bind(modelSpec);
        experiments.inputs().promptProperty().bind(prompt);
        experiments.inputs().withBosProperty().bind(withBos);
        experiments.inputs().epsilonProperty().bind(sinks.epsilonProperty());
    }

    private void restoreSettings() {
        String eps = settings.get(org.sinkscope.app.ui.settings.SettingsStore.EPSILON, null);
        if (eps != null) {
            sinks.epsilonTextProperty().set(eps);
            if (!sinks.isEpsilonValid()) {
                sinks.useEpsilon(org.sinkscope.runtime.metrics.SinkMetrics.DEFAULT_EPSILON);
            }
        }
        head.colormapProperty().set(org.sinkscope.app.ui.heatmap.Colormap.byName(
                settings.get(org.sinkscope.app.ui.settings.SettingsStore.COLORMAP, "viridis")));
        head.logScaleProperty().set(Boolean.parseBoolean(
                settings.get(org.sinkscope.app.ui.settings.SettingsStore.LOG_SCALE, "false")));
        sinks.epsilonProperty().addListener((obs, old, e) -> settings.put(
                org.sinkscope.app.ui.settings.SettingsStore.EPSILON, sinks.epsilonTextProperty().get().trim()));
        head.colormapProperty().addListener((obs, old, c) -> settings.put(
                org.sinkscope.app.ui.settings.SettingsStore.COLORMAP, c == null ? "viridis" : c.label()));
        head.logScaleProperty().addListener((obs, old, on) -> settings.put(
                org.sinkscope.app.ui.settings.SettingsStore.LOG_SCALE, Boolean.toString(on)));
    }

    /** Where the window's settings live (the window size is read and written by the application). */
    public org.sinkscope.app.ui.settings.SettingsStore settings() {
        return settings;
    }

    /**
     * The first screen: the given model (or the default demo) with the given prompt (or the
     * demo's), run at once so that a result is on screen without a click.
     */
    public void start(String modelSpecOrNull, String promptOrNull) {
        DemoModel fallbackDemo = demos.stream().filter(DemoModel::isDefault).findFirst()
                .orElse(demos.isEmpty() ? null : demos.get(0));
        String remembered = settings.get(org.sinkscope.app.ui.settings.SettingsStore.LAST_MODEL, "");
        String spec = modelSpecOrNull != null && !modelSpecOrNull.isBlank() ? modelSpecOrNull
                : !remembered.isBlank() ? remembered
                : fallbackDemo == null ? null : ModelSource.DEMO_PREFIX + fallbackDemo.name();
        // a remembered model that has gone away must not leave the first screen empty
        startFallback = spec.equals(remembered) && fallbackDemo != null && (modelSpecOrNull == null || modelSpecOrNull.isBlank())
                ? ModelSource.DEMO_PREFIX + fallbackDemo.name() : null;
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

    /** Runs the current prompt on the current model; supersedes (and stops) any run in flight. */
    public void run() {
        RunCancellation cancellation = new RunCancellation();
        inFlight.getAndSet(cancellation).cancel();
        RunRequest request = new RunRequest(modelSpec.get(), prompt.get(), withBos.get());
        running.set(true);
        boolean loading = !request.modelSpec().equals(loadedSpec);
        status.set((loading ? "Loading " + request.modelSpec() + " and running" : "Running " + request.modelSpec())
                + (request.withBos() ? " with BOS" : " without BOS") + "\u2026");
        // a run superseded while still queued fails at once with RunCancellation.Cancelled, unseen
        executor.execute(() -> runner.run(request, cancellation), r -> {
            if (!cancellation.isCancelled()) {
                succeeded(r);
            }
        }, e -> {
            if (!cancellation.isCancelled()) {
                failed(request, e);
            }
        });
    }

    /**
     * Stops the run in flight: the window goes back to the last result at once, and the worker
     * stops the inference inside ONNX Runtime (within one graph node) and drops what it computed,
     * so a long run's memory is freed in well under a second; a run still queued is skipped.
     */
    public void cancel() {
        if (!running.get()) {
            return;
        }
        inFlight.get().cancel();
        running.set(false);
        RunResult last = result.get();
        status.set("Cancelled." + (last == null ? "" : " Showing the last result: " + last.modelName() + " \u00b7 "
                + last.tokens() + " tokens."));
        if (last != null) {
            modelSpec.set(last.request().modelSpec());
        }
    }

    private void succeeded(RunResult r) {
        running.set(false);
        loadedSpec = r.request().modelSpec();
        settings.put(org.sinkscope.app.ui.settings.SettingsStore.LAST_MODEL, loadedSpec);
        rememberRecent(loadedSpec);
        error.set("");
        errorDetails.set("");
        result.set(r);
        grid.show(r);
        sinks.show(r);
        mixing.show(r);
        tokens.show(r);
        head.show(r);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s \u00b7 %d tokens%s \u00b7 %d layers \u00d7 %d heads"
                + " \u00b7 attention from %s \u00b7 %.2f s", r.modelName(), r.tokens(),
                r.prompt().bosPrepended() ? " (BOS first)" : "", r.layers(), r.heads(), r.attentionSource(),
                r.millis() / 1000.0));
        r.notes().forEach(n -> s.append(" \u00b7 note: ").append(n));
        status.set(s.toString());
    }

    private void failed(RunRequest request, Throwable e) {
        if (result.get() == null && startFallback != null && !startFallback.equals(request.modelSpec())) {
            String fallback = startFallback;
            startFallback = null;
            settings.put(org.sinkscope.app.ui.settings.SettingsStore.LAST_MODEL, "");
            modelSpec.set(fallback);
            demoFor(fallback).ifPresent(d -> prompt.set(d.prompt()));
            run();
            return;
        }
        running.set(false);
        error.set(oneLine(e));
        errorDetails.set(details(request, e));
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

    /** Everything known about a failure: what was run, each cause's full message, and where it came from. */
    static String details(RunRequest request, Throwable e) {
        StringBuilder b = new StringBuilder();
        b.append("Model: ").append(request.modelSpec()).append('\n');
        b.append("Prompt: ").append(request.prompt().length() > 200 ? request.prompt().substring(0, 200) + "\u2026"
                : request.prompt()).append('\n');
        b.append("BOS: ").append(request.withBos() ? "prepended" : "not prepended").append("\n\n");
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        b.append(trace);
        return b.toString().strip();
    }

    public void dismissError() {
        error.set("");
        errorDetails.set("");
    }

    /** Releases the model session once the worker is free; call when the window closes. */
    public void close() {
        inFlight.get().cancel(); // a run in native code must end before the session under it closes
        experiments.cancelAll(); // and so must an experiment's
        executor.execute(() -> {
            runner.close();
            experiments.close();
            return null;
        }, ignored -> { }, ignored -> { });
    }

    private java.util.Optional<DemoModel> demoFor(String spec) {
        return demos.stream().filter(d -> (ModelSource.DEMO_PREFIX + d.name()).equals(spec)).findFirst();
    }

    /** Models that ran lately, most recent first; read-only. */
    public ObservableList<String> recentModels() {
        return recentModelsView;
    }

    private void rememberRecent(String spec) {
        if (!recentModels.isEmpty() && recentModels.get(0).equals(spec)) {
            return;
        }
        recentModels.remove(spec);
        recentModels.add(0, spec);
        if (recentModels.size() > MAX_RECENT) {
            recentModels.remove(MAX_RECENT, recentModels.size());
        }
        settings.put(org.sinkscope.app.ui.settings.SettingsStore.RECENT_MODELS, String.join("\n", recentModels));
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

    public org.sinkscope.app.ui.tokens.TokenStripViewModel tokens() {
        return tokens;
    }

    public org.sinkscope.app.ui.export.ExportViewModel export() {
        return export;
    }

    /** Where the File menu's outcomes go: a reopened analysis replaces the result; errors go to the error bar. */
    private final class ExportHost implements org.sinkscope.app.ui.export.ExportViewModel.Host {
        @Override
        public void showOpened(RunResult r, String statusLine) {
            inFlight.get().cancel(); // a run in flight must not replace what the user just opened
            running.set(false);
            startFallback = null;
            modelSpec.set(r.request().modelSpec());
            prompt.set(r.request().prompt());
            withBos.set(r.request().withBos());
            sinks.useEpsilon(r.analysis().epsilon());
            // a saved analysis's model may live on another machine: the next start keeps the last model run here
            String lastModel = settings.get(org.sinkscope.app.ui.settings.SettingsStore.LAST_MODEL, "");
            succeeded(r);
            settings.put(org.sinkscope.app.ui.settings.SettingsStore.LAST_MODEL, lastModel);
            loadedSpec = null;
            status.set(statusLine);
        }

        @Override
        public void showStatus(String statusLine) {
            status.set(statusLine);
        }

        @Override
        public void showError(String oneLine, Throwable cause) {
            error.set(oneLine);
            java.io.StringWriter trace = new java.io.StringWriter();
            cause.printStackTrace(new java.io.PrintWriter(trace));
            errorDetails.set(oneLine + "\n\n" + trace);
            status.set("Nothing was written.");
        }
    }

    public MixingViewModel mixing() {
        return mixing;
    }

    public org.sinkscope.app.ui.experiments.ExperimentsViewModel experiments() {
        return experiments;
    }

    private org.sinkscope.app.ui.tour.TourViewModel tour;

    /** The guided tour over the bundled models (issue 5), made on first use. */
    public org.sinkscope.app.ui.tour.TourViewModel tour() {
        if (tour == null) {
            tour = new org.sinkscope.app.ui.tour.TourViewModel(this, org.sinkscope.app.ui.tour.Tour.standard());
        }
        return tour;
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

    /** The failure in full (request, messages, stack trace), for "Details\u2026"; empty with no error. */
    public ReadOnlyStringProperty errorDetailsProperty() {
        return errorDetails.getReadOnlyProperty();
    }

    public String getErrorDetails() {
        return errorDetails.get();
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
