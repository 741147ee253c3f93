package org.sinkscope.app.ui.task;

import java.util.function.Consumer;

/**
 * Runs slow work away from the UI thread and hands the outcome back where view-model state may
 * be changed (the FX thread in the window, the calling thread in tests). Exactly one of the two
 * callbacks is called, once.
 */
public interface BackgroundExecutor {

    <T> void execute(BackgroundWork<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Lets running work finish, starts no more; threads are daemons, so this never blocks exit. */
    default void shutdown() {
    }
}
