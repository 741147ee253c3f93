package org.sinkscope.runtime.session;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * A handle to stop one run from another thread. ONNX Runtime checks a run's terminate flag
 * between graph nodes, so {@link #cancel()} ends an inference within one node's time and the run
 * frees its tensors; work before and after the inference checks {@link #throwIfCancelled()}.
 * One handle per run: once cancelled it stays cancelled.
 */
public final class RunCancellation {
    private volatile boolean cancelled;
    /** The options of the inference in progress, if any; guarded by this. */
    private OrtSession.RunOptions inFlight;

    /** Stops the run: at once if it is inside ONNX Runtime, at its next check otherwise. Any thread. */
    public synchronized void cancel() {
        cancelled = true;
        terminate(inFlight);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void throwIfCancelled() throws Cancelled {
        if (cancelled) {
            throw new Cancelled();
        }
    }

    synchronized void attach(OrtSession.RunOptions options) {
        inFlight = options;
        if (cancelled) {
            terminate(options);
        }
    }

    synchronized void detach() {
        inFlight = null;
    }

    private static void terminate(OrtSession.RunOptions options) {
        if (options == null) {
            return;
        }
        try {
            options.setTerminate(true);
        } catch (OrtException e) {
            // the flag could not be set: the run finishes and its result is dropped by its caller
        }
    }

    /** What a cancelled run throws. Callers that cancelled expect it; nobody else sees it. */
    public static final class Cancelled extends org.sinkscope.runtime.ModelException {
        public Cancelled() {
            super("the run was cancelled: run it again to see its result");
        }
    }
}
