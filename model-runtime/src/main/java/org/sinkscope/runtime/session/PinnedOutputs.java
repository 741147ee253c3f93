package org.sinkscope.runtime.session;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sinkscope.runtime.inspect.AttentionTap;

/**
 * Native buffers, kept between runs, that ONNX Runtime writes the attention of small runs into.
 * Without them every run has ONNX Runtime allocate fresh output tensors (its arena is off, so each
 * is new memory from the system, page faults included) and the Java side copies each twice; at
 * 512 tokens that made the exposed run several times slower than the bare one.
 *
 * <p>Only runs whose attention fits in {@link #LIMIT_BYTES} are pinned: above it the run keeps
 * ONNX Runtime's own outputs and frees each layer as soon as it is copied, which keeps the peak
 * memory of long prompts near the attention's own size. An output's shape is learned from the
 * first run that returns it: a tap's dimensions other than the last two (tokens) never change.
 */
final class PinnedOutputs {
    static final long LIMIT_BYTES = 256L << 20;

    private final Map<String, long[]> shapes = new HashMap<>();
    private final Map<String, ByteBuffer> buffers = new HashMap<>();

    /** Records the shape an output came back with, for the next runs. */
    void remember(String output, long[] shape) {
        shapes.put(output, shape.clone());
    }

    /**
     * One tensor per tap over a reused buffer, sized for {@code t} tokens; empty when a tap's shape
     * is not known yet or the attention would not fit the limit. The caller closes the tensors.
     */
    Map<String, Pinned> forLength(OrtEnvironment env, List<AttentionTap> taps, int t) throws OrtException {
        Map<String, long[]> wanted = new LinkedHashMap<>();
        long total = 0;
        for (AttentionTap tap : taps) {
            long[] known = shapes.get(tap.output());
            if (known == null || known.length < 2) {
                return Map.of();
            }
            long[] shape = known.clone();
            shape[shape.length - 1] = t;
            shape[shape.length - 2] = t;
            total += bytes(shape);
            wanted.put(tap.output(), shape);
        }
        if (total > LIMIT_BYTES) {
            return Map.of();
        }
        Map<String, Pinned> pinned = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, long[]> e : wanted.entrySet()) {
                int bytes = Math.toIntExact(bytes(e.getValue()));
                ByteBuffer buffer = buffers.get(e.getKey());
                if (buffer == null || buffer.capacity() < bytes) {
                    buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
                    buffers.put(e.getKey(), buffer);
                }
                FloatBuffer view = buffer.duplicate().clear().limit(bytes).slice().order(ByteOrder.nativeOrder())
                        .asFloatBuffer();
                pinned.put(e.getKey(), new Pinned(OnnxTensor.createTensor(env, view, e.getValue()), view, e.getValue()));
            }
        } catch (OrtException | RuntimeException failed) {
            pinned.values().forEach(p -> p.tensor().close());
            throw failed;
        }
        return pinned;
    }

    private static long bytes(long[] shape) {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        return count * Float.BYTES;
    }

    /** Drops the buffers (a session closing). */
    void clear() {
        buffers.clear();
        shapes.clear();
    }

    /** A tensor ONNX Runtime writes into, and the same memory as floats for reading it back. */
    record Pinned(OnnxTensor tensor, FloatBuffer data, long[] shape) {
    }
}
