package org.sinkscope.app.ui.task;

/** A piece of slow work (model loading, inference, metrics) that may fail. */
@FunctionalInterface
public interface BackgroundWork<T> {
    T call() throws Exception;
}
