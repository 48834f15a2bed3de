package dev.persona.cli.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** How the bytes of one line become text. */
public enum Decoding {

    UTF_8 {
        @Override
        String decode(byte[] bytes, int length) {
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
    },

    LATIN_1 {
        @Override
        String decode(byte[] bytes, int length) {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
    },

    /**
     * Strict UTF-8, and Latin-1 for a line that is not valid UTF-8: copies of ml-1m's movies.dat exist in both
     * encodings. Deciding per line keeps reading in one pass; Latin-1 text is almost never valid UTF-8 by chance.
     */
    UTF_8_ELSE_LATIN_1 {
        @Override
        String decode(byte[] bytes, int length) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, 0, length))
                        .toString();
            } catch (CharacterCodingException notUtf8) {
                return LATIN_1.decode(bytes, length);
            }
        }
    };

    abstract String decode(byte[] bytes, int length);
}
