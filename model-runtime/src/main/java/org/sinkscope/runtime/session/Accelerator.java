package org.sinkscope.runtime.session;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.util.Locale;
import org.sinkscope.runtime.ModelException;

/**
 * The optional GPU. SinkScope ships ONNX Runtime's CPU build, and the CPU path is the default and
 * the tested one. Built with the GPU build of ONNX Runtime instead ({@code mvn -Pgpu ...}, see the
 * README), the system property {@value #PROPERTY} chooses:
 * <ul>
 *   <li>{@code auto} (default): CUDA device 0 when ONNX Runtime has its CUDA provider and the
 *       device starts, the CPU otherwise;</li>
 *   <li>{@code cpu}: always the CPU;</li>
 *   <li>{@code cuda}: CUDA or a clear refusal, never a silent fall-back.</li>
 * </ul>
 */
public final class Accelerator {
    public static final String PROPERTY = "sinkscope.device";

    private Accelerator() {
    }

    /** "auto", "cpu" or "cuda", from the system property. */
    static String choice() throws ModelException {
        String c = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        if (!c.equals("auto") && !c.equals("cpu") && !c.equals("cuda")) {
            throw new ModelException("-D" + PROPERTY + "=" + c + " is not a device: use auto, cpu or cuda");
        }
        return c;
    }

    /** Whether this ONNX Runtime build carries the CUDA provider (the GPU build does, the shipped one does not). */
    public static boolean cudaProviderPresent() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    /**
     * Adds CUDA to {@code options} when chosen and possible.
     *
     * @return "cuda" or "cpu": where the session will run
     */
    static String apply(OrtSession.SessionOptions options) throws ModelException {
        String c = choice();
        if (c.equals("cpu") || (c.equals("auto") && !cudaProviderPresent())) {
            return "cpu";
        }
        if (!cudaProviderPresent()) {
            throw new ModelException("-D" + PROPERTY + "=cuda, but this ONNX Runtime build has no CUDA provider:"
                    + " build SinkScope with the GPU profile (mvn -Pgpu) on a machine with CUDA, or use the CPU");
        }
        try {
            options.addCUDA(0);
            return "cuda";
        } catch (OrtException e) {
            if (c.equals("cuda")) {
                throw new ModelException("CUDA device 0 did not start (" + OrtMessages.firstLine(e)
                        + "): check the driver and CUDA libraries, or use the CPU (-D" + PROPERTY + "=cpu)", e);
            }
            return "cpu";
        }
    }
}
