package org.sinkscope.app.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sinkscope.app.ui.grid.HeadCell;
import org.sinkscope.app.ui.run.ModelRunner;
import org.sinkscope.app.ui.run.RunResult;
import org.sinkscope.app.ui.task.SameThreadExecutor;
import org.sinkscope.runtime.metrics.SinkMetrics;
import org.sinkscope.runtime.source.DemoCatalog;
import org.sinkscope.runtime.source.DemoModel;

/** The window's state driven without a toolkit: runs happen on the test thread. */
class MainViewModelTest {
    private static final String GPT2 = "demo:tinysink-gpt2";
    private final ModelRunner runner = new ModelRunner();

    @AfterEach
    void closeModel() {
        runner.close();
    }

    private MainViewModel viewModel() {
        return new MainViewModel(new SameThreadExecutor(), runner, DemoCatalog.standard().list());
    }

    @Test
    void runningTinyGpt2FillsAFourLayerBySixHeadGridWithSinkMetricsScores() {
        MainViewModel vm = viewModel();

        vm.start(GPT2, "The cat sat on the mat.");

        assertThat(vm.getError()).isEmpty();
        assertThat(vm.isRunning()).isFalse();
        RunResult r = vm.getResult();
        assertThat(r).isNotNull();
        assertThat(vm.grid().getLayers()).isEqualTo(4);
        assertThat(vm.grid().getHeads()).isEqualTo(6);
        assertThat(vm.grid().cells()).hasSize(24);
        // the numbers drawn are SinkMetrics' own, for every head
        SinkMetrics expected = SinkMetrics.compute(r.attention(), false);
        for (HeadCell c : vm.grid().cells()) {
            assertThat(c.sinkScore()).as(c.name()).isEqualTo(expected.sinkScore(c.layer(), c.head()));
            assertThat(vm.sinks().score(c.layer(), c.head())).isEqualTo(expected.sinkScore(c.layer(), c.head()));
        }
        assertThat(vm.sinks().getSinkRate()).isEqualTo(expected.sinkRate(0.3));
        assertThat(vm.getStatus()).startsWith(GPT2).contains("4 layers \u00d7 6 heads");
    }

    @Test
    void aBadModelPathGivesOneLineErrorAndKeepsTheLastResult() {
        MainViewModel vm = viewModel();
        vm.start(GPT2, "The cat sat on the mat.");
        RunResult before = vm.getResult();

        vm.openModel("/no/such/folder/model.onnx");

        assertThat(vm.getError()).contains("/no/such/folder/model.onnx").doesNotContain("\n", "\r");
        assertThat(vm.getResult()).isSameAs(before);
        assertThat(vm.grid().getResult()).isSameAs(before);
        assertThat(vm.getModelSpec()).isEqualTo(GPT2);
        assertThat(vm.isRunning()).isFalse();

        vm.run(); // still usable: the next run works and clears the error
        assertThat(vm.getError()).isEmpty();
        assertThat(vm.getResult()).isNotSameAs(before);
    }

    @Test
    void withoutArgumentsTheDefaultDemoOpensOnItsPromptAndRunsAtOnce() {
        MainViewModel vm = viewModel();
        DemoModel demo = DemoCatalog.standard().defaultDemo().orElseThrow();

        vm.start(null, null);

        assertThat(vm.getModelSpec()).isEqualTo("demo:" + demo.name());
        assertThat(vm.promptProperty().get()).isEqualTo(demo.prompt());
        assertThat(vm.getResult()).isNotNull();
        assertThat(vm.getResult().prompt().bosPrepended()).isTrue();
    }

    @Test
    void turningBosOffRunsThePromptWithoutIt() {
        MainViewModel vm = viewModel();
        vm.withBosProperty().set(false);

        vm.start(GPT2, "The cat sat on the mat.");

        assertThat(vm.getResult().prompt().bosPrepended()).isFalse();
    }

    @Test
    void aNewRunSupersedesOneInFlightAndTheLateResultIsDropped() {
        ManualExecutor executor = new ManualExecutor();
        MainViewModel vm = new MainViewModel(executor, runner, DemoCatalog.standard().list());
        vm.start(GPT2, "The cat sat on the mat.");  // job 0
        executor.work(0);                            // job 0 finished its work, not yet delivered

        vm.promptProperty().set("A dog ran.");
        vm.run();                                    // job 1 supersedes it
        executor.work(1);
        executor.deliver(1);
        executor.deliver(0);                         // the late result arrives last

        assertThat(vm.getResult().request().prompt()).isEqualTo("A dog ran.");
        assertThat(vm.isRunning()).isFalse();
    }

    @Test
    void aRunSupersededBeforeItStartsIsSkippedSilently() {
        ManualExecutor executor = new ManualExecutor();
        MainViewModel vm = new MainViewModel(executor, runner, DemoCatalog.standard().list());
        vm.start(GPT2, "The cat sat on the mat.");  // job 0, queued
        vm.promptProperty().set("A dog ran.");
        vm.run();                                    // job 1

        executor.work(0);
        executor.deliver(0);

        assertThat(executor.outcome(0)).isInstanceOf(org.sinkscope.runtime.session.RunCancellation.Cancelled.class); // skipped, no model run
        assertThat(vm.getError()).isEmpty();
        assertThat(vm.isRunning()).isTrue();                                  // job 1 still to come
        executor.work(1);
        executor.deliver(1);
        assertThat(vm.getResult().request().prompt()).isEqualTo("A dog ran.");
    }

    @Test
    void cancellingARunInFlightDropsItsLateResultAndTheNextRunIsShown() {
        ManualExecutor executor = new ManualExecutor();
        MainViewModel vm = new MainViewModel(executor, runner, DemoCatalog.standard().list());
        vm.start(GPT2, "The cat sat on the mat.");  // job 0
        executor.work(0);
        executor.deliver(0);
        RunResult first = vm.getResult();

        vm.promptProperty().set("A dog ran.");
        vm.run();                                    // job 1
        assertThat(vm.isRunning()).isTrue();
        vm.cancel();
        assertThat(vm.isRunning()).isFalse();
        assertThat(vm.getStatus()).startsWith("Cancelled.");
        executor.work(1);                            // the model finishes anyway...
        executor.deliver(1);                         // ...and its result is dropped
        assertThat(vm.getResult()).isSameAs(first);
        assertThat(vm.getError()).isEmpty();

        vm.run();                                    // job 2: the window is still usable
        executor.work(2);
        executor.deliver(2);
        assertThat(vm.getResult().request().prompt()).isEqualTo("A dog ran.");
    }

    @Test
    void cancelWithNothingRunningChangesNothing() {
        MainViewModel vm = viewModel();
        vm.start(GPT2, "The cat sat on the mat.");
        String status = vm.getStatus();

        vm.cancel();

        assertThat(vm.getStatus()).isEqualTo(status);
    }

    @Test
    void aFailureKeepsItsFullTextForDetailsAndDismissClearsBoth() {
        MainViewModel vm = viewModel();
        vm.start(GPT2, "The cat sat on the mat.");

        vm.openModel("/no/such/folder/model.onnx");

        assertThat(vm.getErrorDetails()).contains("Model: /no/such/folder/model.onnx", "Prompt: The cat sat",
                vm.getError());
        vm.dismissError();
        assertThat(vm.getError()).isEmpty();
        assertThat(vm.getErrorDetails()).isEmpty();
    }

    @Test
    void settingsAreRestoredAtStartAndWrittenBackAsTheyChange() {
        var store = new org.sinkscope.app.ui.settings.MemorySettingsStore();
        store.put(org.sinkscope.app.ui.settings.SettingsStore.EPSILON, "0.8");
        store.put(org.sinkscope.app.ui.settings.SettingsStore.COLORMAP, "cividis");
        store.put(org.sinkscope.app.ui.settings.SettingsStore.LOG_SCALE, "true");
        store.put(org.sinkscope.app.ui.settings.SettingsStore.LAST_MODEL, GPT2);
        MainViewModel vm = new MainViewModel(new SameThreadExecutor(), runner, DemoCatalog.standard().list(), store);

        assertThat(vm.sinks().getEpsilon()).isEqualTo(0.8);
        assertThat(vm.head().colormapProperty().get()).isEqualTo(org.sinkscope.app.ui.heatmap.Colormap.CIVIDIS);
        assertThat(vm.head().logScaleProperty().get()).isTrue();
        vm.start(null, null);
        assertThat(vm.getResult().request().modelSpec()).isEqualTo(GPT2);

        vm.sinks().useEpsilon(0.5);
        vm.head().colormapProperty().set(org.sinkscope.app.ui.heatmap.Colormap.MAGMA);
        vm.head().logScaleProperty().set(false);
        assertThat(store.get(org.sinkscope.app.ui.settings.SettingsStore.EPSILON, null)).isEqualTo("0.5");
        assertThat(store.get(org.sinkscope.app.ui.settings.SettingsStore.COLORMAP, null)).isEqualTo("magma");
        assertThat(store.get(org.sinkscope.app.ui.settings.SettingsStore.LOG_SCALE, null)).isEqualTo("false");
    }

    @Test
    void aRememberedModelThatIsGoneFallsBackToTheDefaultDemo() {
        var store = new org.sinkscope.app.ui.settings.MemorySettingsStore();
        store.put(org.sinkscope.app.ui.settings.SettingsStore.LAST_MODEL, "/no/longer/here/model.onnx");
        store.put(org.sinkscope.app.ui.settings.SettingsStore.EPSILON, "not a number");
        MainViewModel vm = new MainViewModel(new SameThreadExecutor(), runner, DemoCatalog.standard().list(), store);

        vm.start(null, null);

        DemoModel demo = DemoCatalog.standard().defaultDemo().orElseThrow();
        assertThat(vm.getResult().request().modelSpec()).isEqualTo("demo:" + demo.name());
        assertThat(vm.getError()).isEmpty();
        assertThat(vm.sinks().getEpsilon()).isEqualTo(0.3);
        assertThat(store.get(org.sinkscope.app.ui.settings.SettingsStore.LAST_MODEL, null)).isEqualTo("demo:" + demo.name());
    }

    @Test
    void errorMessagesAreCutToTheirFirstLine() {
        assertThat(MainViewModel.oneLine(new IllegalStateException("first\nsecond"))).isEqualTo(
                "IllegalStateException: first");
        assertThat(MainViewModel.oneLine(new StackOverflowError())).contains("shorter prompt");
    }

    @Test
    void modelsThatRanAreRememberedMostRecentFirstAcrossWindows() {
        org.sinkscope.app.ui.settings.MemorySettingsStore store = new org.sinkscope.app.ui.settings.MemorySettingsStore();
        MainViewModel vm = new MainViewModel(new SameThreadExecutor(), runner, DemoCatalog.standard().list(), store);
        vm.start(GPT2, "The cat sat on the mat.");
        vm.openModel("demo:tinysink-llama-ctx64");
        vm.openModel("/no/such/model.onnx"); // a model that fails is not remembered
        vm.openModel(GPT2);

        assertThat(vm.recentModels()).containsExactly(GPT2, "demo:tinysink-llama-ctx64");
        // the view listens on this list: it must be one lasting instance, not a fresh (collectable) wrapper per call
        assertThat(vm.recentModels()).isSameAs(vm.recentModels());
        MainViewModel next = new MainViewModel(new SameThreadExecutor(), runner, DemoCatalog.standard().list(), store);
        assertThat(next.recentModels()).containsExactly(GPT2, "demo:tinysink-llama-ctx64");
    }
}
