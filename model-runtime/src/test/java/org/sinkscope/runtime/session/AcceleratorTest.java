package org.sinkscope.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.source.ModelSource;

/** The shipped (CPU) build: auto runs on the CPU, cuda is refused with the remedy, nothing else is a device. */
class AcceleratorTest {
    @AfterEach
    void clear() {
        System.clearProperty(Accelerator.PROPERTY);
    }

    @Test
    void theShippedBuildRunsOnTheCpuByDefault() throws Exception {
        assertThat(Accelerator.cudaProviderPresent()).isFalse();
        try (ModelSession s = ModelSession.open(ModelSource.resolve("demo:tinysink-gpt2"))) {
            assertThat(s.device()).isEqualTo("cpu");
            s.run(s.tokenize("The cat sat on the mat.", true));
            assertThat(s.notes()).noneMatch(n -> n.contains("CUDA"));
        }
    }

    @Test
    void askingForCudaWithoutTheGpuBuildIsRefusedWithTheRemedy() {
        System.setProperty(Accelerator.PROPERTY, "cuda");
        assertThatThrownBy(() -> ModelSession.open(ModelSource.resolve("demo:tinysink-gpt2")))
                .isInstanceOf(ModelException.class).hasMessageContaining("no CUDA provider").hasMessageContaining("-Pgpu");
    }

    @Test
    void anUnknownDeviceIsNamed() {
        System.setProperty(Accelerator.PROPERTY, "tpu");
        assertThatThrownBy(Accelerator::choice).isInstanceOf(ModelException.class)
                .hasMessage("-Dsinkscope.device=tpu is not a device: use auto, cpu or cuda");
    }
}
