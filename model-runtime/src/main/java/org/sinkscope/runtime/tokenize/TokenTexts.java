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

    static String readable(String token, Style style) {
        return switch (style) {
            case BYTE_LEVEL -> byteLevel(token);
            case METASPACE -> token.replace('\u2581', ' ');
            case PLAIN -> token;
        };
    }

    private static String byteLevel(String token) {
        byte[] bytes = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= UNICODE_TO_BYTE.length || UNICODE_TO_BYTE[c] < 0) {
                return token; // a special token such as <|bos|>, not byte-level
            }
            bytes[i] = (byte) UNICODE_TO_BYTE[c];
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            StringBuilder hex = new StringBuilder();
            for (byte b : bytes) {
                if ((b & 0x80) == 0) {
                    hex.append((char) b);
                } else {
                    hex.append(String.format("<%02X>", b & 0xFF));
                }
            }
            return hex.toString();
        }
    }
}
