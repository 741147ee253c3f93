package org.sinkscope.runtime.session;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Reads a float32 output of ONNX Runtime straight from its native memory into a Java array.
 *
 * <p>{@link OnnxTensor#getFloatBuffer()} first copies the whole tensor into a new heap buffer: for a
 * 4,096-token layer that is 512 MiB of garbage per layer, and when the collector is late several of
 * them pile up (a benchmark run once peaked at 7.6 GiB instead of 6.1). ONNX Runtime's Java API keeps
 * the zero-copy view it copies from private ({@code getBuffer()}); this class uses it when it is
 * there and falls back to the public copy when a later ONNX Runtime renames it. Chosen over an
 * AttentionSet on native memory, which would change every consumer of the attention.
 */
final class NativeFloats {
    private static final Method VIEW = findView();

    private NativeFloats() {
    }

    private static Method findView() {
        try {
            Method m = OnnxTensor.class.getDeclaredMethod("getBuffer");
            m.setAccessible(true);
            return ByteBuffer.class.isAssignableFrom(m.getReturnType()) ? m : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether outputs are read without the intermediate heap copy. */
    static boolean zeroCopy() {
        return VIEW != null;
    }

    /**
     * The tensor's values as floats: a view of native memory (valid until the tensor is closed) for
     * float32 tensors, else ONNX Runtime's converted copy (float16, bfloat16); null when the values
     * are not floating point.
     */
    static FloatBuffer of(OnnxTensor tensor) {
        if (VIEW != null && tensor.getInfo().type == OnnxJavaType.FLOAT) {
            try {
                ByteBuffer native_ = (ByteBuffer) VIEW.invoke(tensor);
                return native_.order(ByteOrder.nativeOrder()).asFloatBuffer();
            } catch (ReflectiveOperationException | RuntimeException e) {
                // fall through to the public copy
            }
        }
        return tensor.getFloatBuffer();
    }
}
