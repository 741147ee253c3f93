package org.sinkscope.app.ui.experiments;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.source.ModelSource;

/**
 * Opens model sessions for the experiments and keeps the two used last (the model comparison
 * needs two at once), so that rerunning an experiment skips the seconds of loading. Slow and
 * blocking: call it from a background thread only. Synchronized, so a session is never closed
 * under a running inference.
 */
public final class ExperimentRunner implements AutoCloseable {
    private static final int KEEP = 2;

    /** Work on an open session. */
    @FunctionalInterface
    public interface SessionWork<T> {
        T apply(ModelSession session, String modelName) throws ModelException;
    }

    private final Map<Path, ModelSession> sessions = new LinkedHashMap<>(4, 0.75f, true);
    private boolean closed;

    /** Opens (or reuses) the model {@code spec} and runs {@code work} on it. */
    public synchronized <T> T with(String spec, SessionWork<T> work) throws ModelException {
        if (closed) {
            throw new IllegalStateException("the experiment runner is closed");
        }
        if (spec == null || spec.isBlank()) {
            throw new ModelException("no model chosen: pick a demo or open a model file first");
        }
        ModelSource source = ModelSource.resolve(spec);
        Path key = source.modelFile().toAbsolutePath();
        ModelSession s = sessions.get(key);
        if (s == null) {
            s = ModelSession.open(source);
            sessions.put(key, s);
            evict();
        }
        return work.apply(s, source.displayName());
    }

    private void evict() {
        Iterator<Map.Entry<Path, ModelSession>> it = sessions.entrySet().iterator();
        while (sessions.size() > KEEP && it.hasNext()) {
            it.next().getValue().close();
            it.remove();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        sessions.values().forEach(ModelSession::close);
        sessions.clear();
    }
}
