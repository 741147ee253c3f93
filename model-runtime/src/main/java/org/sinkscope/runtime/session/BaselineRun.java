package org.sinkscope.runtime.session;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.onnx.OnnxGraph;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * The unmodified model under ONNX Runtime with the same session settings and the same inputs as
 * {@link ModelSession}, fetching only the model's own outputs: the baseline a benchmark compares
 * SinkScope's cost against.
 */
public final class BaselineRun implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final InputFeeder feeder;

    public BaselineRun(ModelSource source) throws ModelException {
        OnnxGraph graph = OnnxGraph.read(source.modelFile());
        feeder = InputFeeder.plan(graph);
        // the same settings, device included, as the analysis it is compared with
        try (ModelSession.Settings settings = ModelSession.sessionSettings()) {
            session = env.createSession(Files.readAllBytes(source.modelFile()), settings.options());
        } catch (OrtException | IOException e) {
            throw new ModelException("cannot load " + source.modelFile() + " for the baseline: " + e.getMessage());
        }
    }

    /** One forward pass; the outputs are released at once. */
    public void run(TokenizedPrompt prompt) throws ModelException {
        Map<String, OnnxTensor> inputs = feeder.tensors(env, prompt);
        try (OrtSession.Result ignored = session.run(inputs)) {
            // the outputs are computed; nothing is read
        } catch (OrtException e) {
            throw new ModelException("the baseline run failed: " + OrtMessages.firstLine(e));
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // released with the process
        }
    }
}
