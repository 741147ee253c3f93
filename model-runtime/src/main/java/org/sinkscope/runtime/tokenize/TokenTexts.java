package org.sinkscope.runtime.tokenize;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a tokenizer's vocabulary strings into readable text: byte-level BPE symbols
 * (GPT-2's 'Ġ' for a space, 'Ċ' for a line break) back to bytes and UTF-8, SentencePiece's
 * '▁' to a space. A token that holds only part of a multi-byte character shows its bytes.
 */
final class TokenTexts {
    private static final int[] UNICODE_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(UNICODE_TO_BYTE, -1);
        // GPT-2's bytes_to_unicode: printable bytes map to themselves, the rest to 256+n
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            int cp = printable ? b : 256 + n++;
            UNICODE_TO_BYTE[cp] = b;
        }
    }

    enum Style { BYTE_LEVEL, METASPACE, PLAIN }

    private TokenTexts() {
    }

    /**
     * Readable texts for a whole token sequence. In byte-level BPE a multi-byte character
     * (ü, и, a CJK ideograph) may be split over several tokens; each of those tokens shows the
     * whole character rather than an undecodable byte.
     */
    static String[] readable(String[] tokens, Style style) {
        String[] result = new String[tokens.length];
        if (style != Style.BYTE_LEVEL) {
            for (int i = 0; i < tokens.length; i++) {
                result[i] = style == Style.METASPACE ? tokens[i].replace('\u2581', ' ') : tokens[i];
            }
            return result;
        }
        byte[][] bytes = new byte[tokens.length][];
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        int[] start = new int[tokens.length + 1];
        for (int i = 0; i < tokens.length; i++) {
            bytes[i] = toBytes(tokens[i]);
            start[i] = stream.size();
            if (bytes[i] != null) {
                stream.writeBytes(bytes[i]);
            }
        }
        start[tokens.length] = stream.size();
        byte[] all = stream.toByteArray();
        for (int i = 0; i < tokens.length; i++) {
            if (bytes[i] == null) {
                result[i] = tokens[i]; // a special token such as <|bos|>
            } else if (isValidUtf8(bytes[i])) {
                result[i] = new String(bytes[i], StandardCharsets.UTF_8);
            } else {
                result[i] = wholeCharacters(all, start[i], start[i + 1]);
            }
        }
        return result;
    }

    /** The characters of the stream whose encodings overlap bytes [from, to). */
    private static String wholeCharacters(byte[] all, int from, int to) {
        int a = from;
        while (a > 0 && (all[a] & 0xC0) == 0x80) {
            a--; // back to the lead byte of the character this token starts inside
        }
        int b = to;
        while (b < all.length && (all[b] & 0xC0) == 0x80) {
            b++; // on to the end of the character this token stops inside
        }
        byte[] span = java.util.Arrays.copyOfRange(all, a, b);
        if (isValidUtf8(span)) {
            return new String(span, StandardCharsets.UTF_8);
        }
        StringBuilder hex = new StringBuilder();
        for (int k = from; k < to; k++) {
            hex.append((all[k] & 0x80) == 0 ? String.valueOf((char) all[k]) : String.format("<%02X>", all[k] & 0xFF));
        }
        return hex.toString();
    }

    private static byte[] toBytes(String token) {
        byte[] bytes = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= UNICODE_TO_BYTE.length || UNICODE_TO_BYTE[c] < 0) {
                return null;
            }
            bytes[i] = (byte) UNICODE_TO_BYTE[c];
        }
        return bytes;
    }

    private static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
