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
    private final String[] vocabulary;

    private PromptTokenizer(HuggingFaceTokenizer tokenizer, TokenTexts.Style style, OptionalLong bosId, String bosText,
            String[] vocabulary) {
        this.tokenizer = tokenizer;
        this.vocabulary = vocabulary;
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
        String[] vocabulary = vocabulary(json);
        if (bos.isPresent()) {
            bosText = bos.getAsLong() < vocabulary.length && vocabulary[(int) bos.getAsLong()] != null
                    ? vocabulary[(int) bos.getAsLong()] : "<bos>";
        }
        return new PromptTokenizer(tok, style, bos, bosText, vocabulary);
    }

    /** Token strings by id: the model's vocabulary (object or Unigram list) plus added tokens. */
    private static String[] vocabulary(JsonNode json) {
        JsonNode vocab = json.path("model").path("vocab");
        java.util.Map<Long, String> byId = new java.util.HashMap<>();
        if (vocab.isObject()) {
            vocab.fields().forEachRemaining(e -> byId.put(e.getValue().asLong(), e.getKey()));
        } else if (vocab.isArray()) {
            for (int i = 0; i < vocab.size(); i++) {
                byId.put((long) i, vocab.get(i).path(0).asText());
            }
        }
        for (JsonNode t : json.path("added_tokens")) {
            byId.put(t.path("id").asLong(), t.path("content").asText());
        }
        long max = byId.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
        String[] result = new String[(int) max + 1];
        byId.forEach((id, text) -> {
            if (id >= 0) {
                result[id.intValue()] = text;
            }
        });
        return result;
    }

    /** How many token ids the tokenizer knows. */
    public int vocabularySize() {
        return vocabulary.length;
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
        String[] readable = TokenTexts.readable(tokens, style);
        for (int i = 0; i < ids.length; i++) {
            outIds[i + off] = ids[i];
            outTypes[i + off] = types.length == ids.length ? types[i] : 0;
            texts[i + off] = readable[i];
        }
        return new TokenizedPrompt(outIds, outTypes, texts, prepend);
    }

    /** Ids of a text as the tokenizer splits it, without [CLS]/[SEP] or other added tokens. */
    public long[] encodeWithoutSpecialTokens(String text) throws ModelException {
        try {
            return tokenizer.encode(text, false, false).getIds();
        } catch (RuntimeException e) {
            throw new ModelException("the tokenizer failed on '" + text + "' (" + e.getMessage() + "): check the text");
        }
    }

    /** Names given ids (--ids) with the tokenizer's readable texts; refuses ids past the vocabulary. */
    public TokenizedPrompt named(long[] ids) throws ModelException {
        String[] tokens = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabulary.length) {
                throw new ModelException("token id " + ids[i] + " is outside the tokenizer's vocabulary (ids 0.."
                        + (vocabulary.length - 1) + "): give ids the model knows");
            }
            tokens[i] = vocabulary[(int) ids[i]] == null ? "#" + ids[i] : vocabulary[(int) ids[i]];
        }
        return TokenizedPrompt.ofIds(ids, TokenTexts.readable(tokens, style));
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
