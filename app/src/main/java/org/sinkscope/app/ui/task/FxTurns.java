package org.sinkscope.app.ui.task;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.application.Platform;

/**
 * Work for the FX thread split into turns: each piece runs in an FX event of its own, and the
 * next piece is posted only when the previous one has run. A new result fans out into half a
 * dozen redraws of 10 to 40 ms each; posted all at once with {@link Platform#runLater} they run
 * back to back and hold off input for over 100 ms, taken in turns the window answers between them.
 */
public final class FxTurns {
    /** Touched on the FX thread only. */
    private static final Deque<Runnable> QUEUE = new ArrayDeque<>();
    private static boolean scheduled;

    private FxTurns() {
    }

    /** Runs {@code work} on the FX thread in a turn of its own, after the work queued before it. */
    public static void later(Runnable work) {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(() -> later(work));
            return;
        }
        QUEUE.add(work);
        if (!scheduled) {
            scheduled = true;
            Platform.runLater(FxTurns::runOne);
        }
    }

    private static void runOne() {
        Runnable next = QUEUE.poll();
        try {
            if (next != null) {
                next.run();
            }
        } finally {
            if (QUEUE.isEmpty()) {
                scheduled = false;
            } else {
                Platform.runLater(FxTurns::runOne);
            }
        }
    }
}
