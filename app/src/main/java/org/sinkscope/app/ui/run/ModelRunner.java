package org.sinkscope.app.ui.run;

import java.nio.file.Path;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.metrics.SinkMetrics;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.session.RunCancellation;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * Runs prompts against models, keeping the last opened session so that a second run on the same
 * model skips the seconds of loading. Slow and blocking: call it from a background thread only.
 * Synchronized, because the session it holds must never be closed under a running inference.
 */
public final class ModelRunner implements AutoCloseable {
    private ModelSession session;
    private Path sessionFile;

    /** Loads the model unless it is the one already open, then tokenizes, runs and analyses. */
    public RunResult run(RunRequest request) throws ModelException {
        return run(request, new RunCancellation());
    }

    /**
     * As {@link #run(RunRequest)}, stoppable through {@code cancellation} from any thread: the
     * inference stops inside ONNX Runtime, the other stages at their next step, and a cancelled
     * run throws {@link RunCancellation.Cancelled} holding none of its memory.
     */
    public synchronized RunResult run(RunRequest request, RunCancellation cancellation) throws ModelException {
        cancellation.throwIfCancelled();
        ModelSource source = ModelSource.resolve(request.modelSpec());
        ModelSession s = sessionFor(source);
        cancellation.throwIfCancelled();
        long start = System.nanoTime();
        TokenizedPrompt prompt = s.tokenize(request.prompt(), request.withBos());
        // the paper's default: every query counts, epsilon 0.3; the UI re-judges epsilon without recomputing
        Analysis analysis = s.analyze(prompt, SinkMetrics.DEFAULT_EPSILON, false, cancellation);
        cancellation.throwIfCancelled();
        long millis = (System.nanoTime() - start) / 1_000_000;
        // the same report as `analyze --json`, so figures and saved analyses equal the command line's
        com.fasterxml.jackson.databind.node.ObjectNode report = org.sinkscope.runtime.io.AnalysisReport.build(
                s.inspection(), prompt, analysis, s.notes());
        report.put("prompt", request.prompt());
        return new RunResult(request, source.displayName(), prompt, analysis,
                s.inspection().attention().kind().id(), s.notes(), millis, report);
    }

    private ModelSession sessionFor(ModelSource source) throws ModelException {
        Path file = source.modelFile().toAbsolutePath();
        if (session != null && file.equals(sessionFile)) {
            return session;
        }
        // open the new one first: if it fails, the old model stays loaded for the next run
        ModelSession opened = ModelSession.open(source);
        close();
        session = opened;
        sessionFile = file;
        return session;
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
            sessionFile = null;
        }
    }
}
