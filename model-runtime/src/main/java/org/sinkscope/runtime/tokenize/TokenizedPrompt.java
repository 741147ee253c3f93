package org.sinkscope.runtime.tokenize;

import java.util.Arrays;

/**
 * Token ids ready to feed, with what a person should read for each token.
 *
 * @param ids          token ids, BOS included when prepended
 * @param typeIds      token type (segment) ids, zeros for a single text
 * @param texts        each token's text as it reads (a leading space is a real space)
 * @param bosPrepended whether SinkScope prepended the BOS token
 */
public record TokenizedPrompt(long[] ids, long[] typeIds, String[] texts, boolean bosPrepended) {

    public int length() {
        return ids.length;
    }

    /** A token's text for axis labels: spaces and line breaks made visible. */
    public String displayText(int i) {
        return display(texts[i]);
    }

    public static String display(String text) {
        return text.replace(' ', '\u2423').replace("\n", "\u21B5").replace("\t", "\u21E5");
    }

    /** Ids given directly (--ids): texts are the ids themselves unless a tokenizer names them. */
    public static TokenizedPrompt ofIds(long[] ids, String[] texts) {
        return new TokenizedPrompt(ids.clone(), new long[ids.length], texts, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenizedPrompt p && Arrays.equals(ids, p.ids) && Arrays.equals(typeIds, p.typeIds)
                && Arrays.equals(texts, p.texts) && bosPrepended == p.bosPrepended;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "TokenizedPrompt" + Arrays.toString(texts);
    }
}
