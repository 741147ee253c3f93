package org.sinkscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinkscope.app.ui.main.MainViewModel;
import org.sinkscope.app.ui.task.FxBackgroundExecutor;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The FX thread never does long work while a model loads and runs a long prompt. Measured as the
 * FX thread's own CPU time between two heartbeats posted to it, so a busy shared machine (which
 * delays heartbeats without the FX thread working) does not count against the window.
 */
@ExtendWith(ApplicationExtension.class)
class ResponsivenessTest {
    /**
     * The goal. This machine measures 40-50 ms: the token strip is one canvas, thumbnails
     * and sink cells are Text on plain regions, and a result's redraws and grid rows each take an
     * FX turn of their own (FxTurns). Before that: 110-240 ms of CSS, skins and back-to-back redraws.
     */
    private static final long LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

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
        executor.shutdown();
    }

    @Test
    void theFxThreadNeverWorksLongAtOnceWhileANewModelLoadsAndALongPromptRunsAndIsDrawn() throws Exception {
        // a first short run loads and compiles the views' classes: one-off start-up work, not a stall
        WaitForAsyncUtils.asyncFx(() -> model.start("demo:tinysink-gpt2", "The cat sat on the mat.")).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.getResult() != null && !model.isRunning());
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AtomicLong fxThread = new AtomicLong();
        WaitForAsyncUtils.asyncFx(() -> fxThread.set(Thread.currentThread().getId())).get(10, TimeUnit.SECONDS);
        AtomicLong worst = new AtomicLong();
        AtomicLong lastCpu = new AtomicLong(threads.getThreadCpuTime(fxThread.get()));
        AtomicBoolean beating = new AtomicBoolean(true);
        Thread heart = new Thread(() -> {
            while (beating.get()) {
                java.util.concurrent.CountDownLatch beat = new java.util.concurrent.CountDownLatch(1);
                Platform.runLater(beat::countDown);
                try {
                    beat.await();
                    long cpu = threads.getThreadCpuTime(fxThread.get());
                    worst.accumulateAndGet(cpu - lastCpu.getAndSet(cpu), Math::max);
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-heartbeat");
        heart.start();

        String longPrompt = "The river starts as a few drops of rain on a high mountain and runs to the sea. ".repeat(40);
        var first = model.getResult();
        WaitForAsyncUtils.asyncFx(() -> {
            model.promptProperty().set(longPrompt);
            model.openModel("demo:tinysink-llama");
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.getResult() != first && !model.isRunning());
        WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS); // the grid and token strip fill in after the result
        beating.set(false);
        heart.join(10_000);

        assertThat(model.getResult().tokens()).isGreaterThan(600);
        System.out.printf("longest FX-thread busy stretch while loading, running and drawing %d tokens: %d ms%n",
                model.getResult().tokens(), TimeUnit.NANOSECONDS.toMillis(worst.get()));
        assertThat(TimeUnit.NANOSECONDS.toMillis(worst.get())).as("longest FX-thread busy stretch, ms")
                .isLessThan(TimeUnit.NANOSECONDS.toMillis(LIMIT_NANOS));
    }
}
