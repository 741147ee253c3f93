package org.sinkscope.app.ui.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The window's executor: one worker thread with a 512 MiB stack, results posted to the FX
 * thread with {@link Platform#runLater}.
 *
 * <p>One thread, because a model session is not ours to share: work queued behind a run uses
 * the same session and a later model may close it, so runs go one after another and a
 * superseded run is skipped or dropped by its caller. The large stack, because ONNX Runtime's
 * native frames overflow a default stack near 1,000 tokens.
 */
public final class FxBackgroundExecutor implements BackgroundExecutor {
    private static final long STACK_BYTES = 512L << 20;
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final ExecutorService worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(null, r, "sinkscope-worker-" + COUNT.incrementAndGet(), STACK_BYTES);
                t.setDaemon(true); // a run in native code must not keep the JVM alive after the window closes
                return t;
            });

    @Override
    public <T> void execute(BackgroundWork<T> work, Consumer<? super T> onSuccess,
            Consumer<? super Throwable> onFailure) {
        worker.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception | Error e) { // StackOverflowError or OutOfMemoryError must reach the user too
                Platform.runLater(() -> onFailure.accept(e));
                return;
            }
            Platform.runLater(() -> onSuccess.accept(result));
        });
    }

    @Override
    public void shutdown() {
        worker.shutdown();
    }

    /**
     * Shuts down and waits, at most {@code millis}, for the work already queued (a cancelled run
     * ending, sessions closing). The JVM must not exit while a worker is inside ONNX Runtime: native
     * code torn down under a running inference can crash the process on its way out.
     *
     * @return whether the worker finished in time
     */
    public boolean shutdownAndWait(long millis) {
        worker.shutdown();
        try {
            return worker.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
