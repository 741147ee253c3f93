package org.sinkscope.runtime.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.sinkscope.runtime.ModelException;

/**
 * What SinkScope reads from a Hugging Face config.json and tokenizer_config.json: the BOS
 * token and the trained context length. Both files are optional.
 */
public record ModelConfig(OptionalInt bosTokenId, Optional<String> bosToken, OptionalInt maxPositions,
        Optional<String> modelType) {

    public static final ModelConfig NONE = new ModelConfig(OptionalInt.empty(), Optional.empty(),
            OptionalInt.empty(), Optional.empty());

    public static ModelConfig read(ModelSource source) throws ModelException {
        JsonNode config = source.configFile().isPresent() ? json(source.configFile().get()) : null;
        JsonNode tokConfig = source.tokenizerConfigFile().isPresent() ? json(source.tokenizerConfigFile().get()) : null;
        OptionalInt bosId = OptionalInt.empty();
        OptionalInt maxPos = OptionalInt.empty();
        Optional<String> type = Optional.empty();
        if (config != null) {
            JsonNode b = config.get("bos_token_id");
            if (b != null && b.isInt()) {
                bosId = OptionalInt.of(b.asInt());
            }
            for (String key : new String[] {"max_position_embeddings", "n_positions", "n_ctx", "max_seq_len"}) {
                if (config.path(key).isInt()) {
                    maxPos = OptionalInt.of(config.get(key).asInt());
                    break;
                }
            }
            if (config.path("model_type").isTextual()) {
                type = Optional.of(config.get("model_type").asText());
            }
        }
        Optional<String> bosToken = Optional.empty();
        if (tokConfig != null) {
            JsonNode b = tokConfig.get("bos_token");
            if (b != null && b.isTextual()) {
                bosToken = Optional.of(b.asText());
            } else if (b != null && b.path("content").isTextual()) {
                bosToken = Optional.of(b.get("content").asText());
            }
        }
        return new ModelConfig(bosId, bosToken, maxPos, type);
    }

    private static JsonNode json(Path file) throws ModelException {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelException(file.getFileName() + " beside the model is not valid JSON (" + firstLine(e)
                    + "): fix or remove it");
        }
    }

    static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
