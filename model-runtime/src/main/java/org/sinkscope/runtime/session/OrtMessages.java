package org.sinkscope.runtime.session;

import ai.onnxruntime.OrtException;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.inspect.Inspection;

/** Turns ONNX Runtime's messages into ones a user can act on. */
final class OrtMessages {
    private OrtMessages() {
    }

    static String firstLine(OrtException e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    static ModelException runFailure(OrtException e, int tokens, Inspection inspection) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("indices element out of data bounds") || m.contains("out of range") && m.contains("Gather")) {
            return new ModelException("the model failed on " + tokens + " tokens (" + firstLine(e) + "): a token id is"
                    + " past the vocabulary, or the prompt is longer than the model's position embeddings;"
                    + " check the ids or shorten the prompt", e);
        }
        if (m.contains("bad_alloc") || m.contains("Failed to allocate") || m.contains("memory")) {
            return new ModelException("ran out of memory running " + tokens + " tokens: shorten the prompt", e);
        }
        return new ModelException("ONNX Runtime failed to run " + inspection.source().modelFile().getFileName() + " on "
                + tokens + " tokens (" + firstLine(e) + "): check the input, or export the model again", e);
    }
}
