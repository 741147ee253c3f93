package org.sinkscope.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinkscope.app.ui.main.MainViewModel;
import org.sinkscope.app.ui.run.RunResult;
import org.sinkscope.app.ui.task.FxBackgroundExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Cancel button on a long run: the window goes back to the last result at once, the worker
 * stops the inference (the next run is not stuck behind it) and none of the run's memory stays.
 */
@ExtendWith(ApplicationExtension.class)
class CancelRunWindowTest {
    /** About 2,300 tokens on tinysink-llama: 1.2 GiB of attention once the run completes. */
    private static final String LONG_PROMPT = "The river starts as a few drops of rain on a high mountain and runs to the sea. ".repeat(130);

    private FxBackgroundExecutor executor;
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        executor = new FxBackgroundExecutor();
        model = org.sinkscope.app.ui.TestWindows.show(stage, executor);
    }

    @AfterEach
    void stop() {
        model.close();
        executor.shutdownAndWait(15_000);
    }

    @Test
    void cancelStopsTheInferenceAndKeepsNoneOfItsMemory(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.start("demo:tinysink-llama", "The cat sat on the mat.")).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.getResult() != null && !model.isRunning());
        RunResult shortRun = model.getResult();
        long heapBefore = usedHeapAfterGc();

        WaitForAsyncUtils.asyncFx(() -> {
            model.promptProperty().set(LONG_PROMPT);
            model.run();
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS); // tokenized and inside the inference by now
        assertThat(model.isRunning()).isTrue();
        robot.clickOn("#cancel-button");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.isRunning()).isFalse();
        assertThat(model.getResult()).isSameAs(shortRun);
        assertThat(model.statusProperty().get()).startsWith("Cancelled.");

        // the worker is free again: a short run right after the cancel is not queued behind the long one
        long rerunAt = System.nanoTime();
        WaitForAsyncUtils.asyncFx(() -> {
            model.promptProperty().set("The dog slept by the fire.");
            model.run();
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.getResult() != shortRun && !model.isRunning());
        long rerunMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rerunAt);
        assertThat(model.getResult().tokens()).isLessThan(20);

        long heapGrowth = usedHeapAfterGc() - heapBefore;
        System.out.printf("cancel in the window: next short run done %d ms after the cancel; heap %+d MiB%n",
                rerunMillis, heapGrowth >> 20);
        assertThat(heapGrowth).as("heap kept after the cancelled run").isLessThan(64L << 20);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
