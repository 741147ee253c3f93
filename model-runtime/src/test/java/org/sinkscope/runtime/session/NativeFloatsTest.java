package org.sinkscope.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** The zero-copy read is there with the ONNX Runtime we ship, and reads what the public copy reads. */
class NativeFloatsTest {
    @Test
    void readsTheSameValuesAsOnnxRuntimesOwnCopyWithoutOne() throws Exception {
        assertThat(NativeFloats.zeroCopy()).as("ONNX Runtime 1.29's private getBuffer() is found").isTrue();
        float[] values = {0.25f, 0.75f, 1f, 0f, 0.5f, 0.5f};
        try (OnnxTensor t = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(values), new long[] {2, 3})) {
            float[] viaView = new float[6];
            NativeFloats.of(t).get(viaView);
            float[] viaCopy = new float[6];
            t.getFloatBuffer().get(viaCopy);
            assertThat(viaView).containsExactly(values).containsExactly(viaCopy);
        }
    }
}
