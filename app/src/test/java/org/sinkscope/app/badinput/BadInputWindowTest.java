package org.sinkscope.app.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.sinkscope.app.ui.main.MainViewModel;
import org.sinkscope.app.ui.run.ModelRunner;
import org.sinkscope.app.ui.run.RunResult;
import org.sinkscope.app.ui.task.SameThreadExecutor;
import org.sinkscope.runtime.badinput.BadInputCorpus;
import org.sinkscope.runtime.badinput.BadInputCorpus.Case;
import org.sinkscope.runtime.source.DemoCatalog;

/**
 * The bad-input corpus opened in the window (through its view model, runs on the test thread):
 * each case shows a one-line message, keeps the last good result on screen, and the window goes
 * on working with a good model afterwards.
 */
class BadInputWindowTest {
    private static final String GOOD_PROMPT = "The cat sat on the mat.";
    private static final ModelRunner RUNNER = new ModelRunner();

    @TempDir
    static Path root;

    @AfterAll
    static void close() {
        RUNNER.close();
    }

    @TestFactory
    List<DynamicTest> everyCaseIsAMessageAndTheWindowStaysUsable() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : BadInputCorpus.build(root)) {
            boolean promptCase = c.input().get(0).equals("--prompt");
            if (c.scope() == BadInputCorpus.Scope.MAYBE || c.scope() == BadInputCorpus.Scope.INPUT && !promptCase) {
                continue; // a random mutation may still be a model; --ids and prompt files are command-line inputs
            }
            tests.add(DynamicTest.dynamicTest(c.name(), () -> check(c, promptCase ? c.input().get(1) : GOOD_PROMPT)));
        }
        return tests;
    }

    private static void check(Case c, String prompt) {
        MainViewModel vm = new MainViewModel(new SameThreadExecutor(), RUNNER, DemoCatalog.standard().list());
        vm.start(BadInputCorpus.GPT2, GOOD_PROMPT);
        RunResult before = vm.getResult();
        assertThat(before).isNotNull();

        vm.promptProperty().set(prompt);
        if (c.model().equals(BadInputCorpus.GPT2)) {
            vm.run();
        } else {
            vm.openModel(c.model());
        }

        assertThat(vm.getError()).as(c.name()).isNotBlank().doesNotContain("\n", "\tat ");
        assertThat(vm.getResult()).as(c.name()).isSameAs(before);
        assertThat(vm.isRunning()).isFalse();

        vm.promptProperty().set(GOOD_PROMPT);
        vm.openModel(BadInputCorpus.GPT2);
        assertThat(vm.getError()).as(c.name() + ", then a good model").isEmpty();
        assertThat(vm.getResult()).isNotSameAs(before);
    }
}
