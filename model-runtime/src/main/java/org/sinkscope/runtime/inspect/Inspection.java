package org.sinkscope.runtime.inspect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.sinkscope.runtime.source.ModelConfig;
import org.sinkscope.runtime.source.ModelSource;

/**
 * What a model is, read from its files without running it.
 *
 * @param inputs        the inputs the graph wants fed
 * @param outputs       the graph's declared outputs
 * @param attention     where attention comes from
 * @param opsets        imported operator sets, "domain:version"
 * @param producer      producer name and version from the file
 * @param externalData  whether weights live in separate files
 */
public record Inspection(ModelSource source, String sha256, long fileBytes, List<TensorInfo> inputs,
        List<TensorInfo> outputs, AttentionSource attention, List<String> opsets, String producer,
        boolean externalData, ModelConfig config, Optional<String> tokenizer, OptionalInt bosId,
        Optional<String> bosText) {

    /** A graph input or output: name, element type, dimensions as declared ("?" or a symbol when dynamic). */
    public record TensorInfo(String name, String type, List<String> dims) {
        @Override
        public String toString() {
            return name + " " + type + "[" + String.join(", ", dims) + "]";
        }
    }
}
