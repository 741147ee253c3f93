package org.sinkscope.app.ui.task;

import java.util.function.Consumer;

/** Runs work at once on the calling thread: view-model tests stay synchronous and need no toolkit. */
public final class SameThreadExecutor implements BackgroundExecutor {

    @Override
    public <T> void execute(BackgroundWork<T> work, Consumer<? super T> onSuccess,
            Consumer<? super Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception | Error e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }
}
