package org.wire.model.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Input files are UTF-8; a byte that is not gets its line and column, not the JDK's "Input length = 1". */
public final class Utf8Text {
    private Utf8Text() {}

    /**
     * Decodes {@code bytes} as UTF-8.
     *
     * @throws IllegalArgumentException "{@code name}:LINE:COLUMN: not UTF-8 text (byte 0xNN)" at the first bad byte
     */
    public static String decode(byte[] bytes, String name) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw new IllegalArgumentException(where(bytes, in.position(), name) + ": not UTF-8 text (byte 0x"
                    + String.format("%02X", bytes[in.position()] & 0xff) + ")");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** LINE:COLUMN of byte {@code offset}, counting characters of the valid text before it. */
    private static String where(byte[] bytes, int offset, String name) {
        String before;
        try {
            before = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, offset)).toString();
        } catch (CharacterCodingException e) {
            before = "";
        }
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        int column = before.length() - before.lastIndexOf('\n');
        return name + ":" + line + ":" + column;
    }
}
