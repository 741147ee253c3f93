package org.sinkscope.runtime.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.source.ModelConfig;

/**
 * The model's own tokenizer (tokenizer.json through DJL's HF tokenizers binding), plus the
 * BOS rule: prepend the BOS token the config defines unless the tokenizer already did or
 * the user said no. Encoders keep their own special tokens ([CLS] ... [SEP]).
 */
public final class PromptTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final TokenTexts.Style style;
    private final OptionalLong bosId;
    private final String bosText;

    private PromptTokenizer(HuggingFaceTokenizer tokenizer, TokenTexts.Style style, OptionalLong bosId, String bosText) {
        this.tokenizer = tokenizer;
        this.style = style;
        this.bosId = bosId;
        this.bosText = bosText;
    }

    public static PromptTokenizer load(Path tokenizerJson, ModelConfig config) throws ModelException {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(tokenizerJson.toFile());
        } catch (IOException e) {
            throw new ModelException(tokenizerJson.getFileName() + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "): put the model's own tokenizer.json beside it");
        }
        if (json == null || !json.has("model")) {
            throw new ModelException(tokenizerJson.getFileName() + " is not a Hugging Face tokenizer.json (no \"model\" section):"
                    + " put the model's own tokenizer.json beside it");
        }
        HuggingFaceTokenizer tok;
        try {
            // the model sees the whole prompt: no truncation, no padding
            tok = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("truncation", "false", "padding", "false",
                    "addSpecialTokens", "true"));
        } catch (IOException | RuntimeException e) {
            throw new ModelException("the tokenizer " + tokenizerJson.getFileName() + " cannot be loaded (" + e.getMessage()
                    + "): put the model's own tokenizer.json beside it");
        }
        TokenTexts.Style style = styleOf(json);
        OptionalLong bos = OptionalLong.empty();
        String bosText = null;
        if (config.bosTokenId().isPresent()) {
            bos = OptionalLong.of(config.bosTokenId().getAsInt());
        } else if (config.bosToken().isPresent()) {
            long id = idOfAddedToken(json, config.bosToken().get());
            if (id >= 0) {
                bos = OptionalLong.of(id);
            }
        }
        if (bos.isPresent()) {
            bosText = tokenText(json, bos.getAsLong());
        }
        return new PromptTokenizer(tok, style, bos, bosText);
    }

    private static TokenTexts.Style styleOf(JsonNode json) {
        String decoder = json.path("decoder").path("type").asText("");
        String pre = json.path("pre_tokenizer").toString();
        if (decoder.equals("ByteLevel") || pre.contains("\"ByteLevel\"")) {
            return TokenTexts.Style.BYTE_LEVEL;
        }
        if (decoder.equals("Metaspace") || pre.contains("\"Metaspace\"") || json.path("decoder").toString().contains("\u2581")) {
            return TokenTexts.Style.METASPACE;
        }
        return TokenTexts.Style.PLAIN;
    }

    private static long idOfAddedToken(JsonNode json, String content) {
        for (JsonNode t : json.path("added_tokens")) {
            if (content.equals(t.path("content").asText())) {
                return t.path("id").asLong();
            }
        }
        JsonNode vocab = json.path("model").path("vocab");
        return vocab.isObject() && vocab.has(content) ? vocab.get(content).asLong() : -1;
    }

    private static String tokenText(JsonNode json, long id) {
        for (JsonNode t : json.path("added_tokens")) {
            if (t.path("id").asLong() == id) {
                return t.path("content").asText();
            }
        }
        JsonNode vocab = json.path("model").path("vocab");
        if (vocab.isObject()) {
            var it = vocab.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getValue().asLong() == id) {
                    return e.getKey();
                }
            }
        }
        return "<bos>";
    }

    /** The BOS token id, when the model defines one. */
    public OptionalLong bosId() {
        return bosId;
    }

    public String bosText() {
        return bosText;
    }

    /** Tokenizes a prompt; BOS is prepended when the model defines one, unless {@code withBos} is false. */
    public TokenizedPrompt encode(String text, boolean withBos) throws ModelException {
        Encoding enc;
        try {
            enc = tokenizer.encode(text);
        } catch (RuntimeException e) {
            throw new ModelException("the tokenizer failed on this prompt (" + e.getMessage() + "): check the prompt text");
        }
        long[] ids = enc.getIds();
        long[] types = enc.getTypeIds();
        String[] tokens = enc.getTokens();
        boolean prepend = withBos && bosId.isPresent() && (ids.length == 0 || ids[0] != bosId.getAsLong());
        int off = prepend ? 1 : 0;
        long[] outIds = new long[ids.length + off];
        long[] outTypes = new long[ids.length + off];
        String[] texts = new String[ids.length + off];
        if (prepend) {
            outIds[0] = bosId.getAsLong();
            texts[0] = bosText;
        }
        for (int i = 0; i < ids.length; i++) {
            outIds[i + off] = ids[i];
            outTypes[i + off] = types.length == ids.length ? types[i] : 0;
            texts[i + off] = TokenTexts.readable(tokens[i], style);
        }
        return new TokenizedPrompt(outIds, outTypes, texts, prepend);
    }

    /** Names given ids (--ids) with the tokenizer's readable texts. */
    public TokenizedPrompt named(long[] ids) {
        String[] texts = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            String piece = tokenizer.decode(new long[] {ids[i]}, false);
            String token = bosId.isPresent() && ids[i] == bosId.getAsLong() ? bosText : piece;
            texts[i] = token;
        }
        return TokenizedPrompt.ofIds(ids, texts);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
