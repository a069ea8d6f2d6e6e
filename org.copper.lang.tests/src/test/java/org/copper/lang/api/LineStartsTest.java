package org.copper.lang.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The line index gives every offset the same line and column as scanning the text from its start. */
class LineStartsTest {
    @Test
    void agreesWithTheScanOnRandomTexts() {
        Random rnd = new Random(7);
        String[] pieces = {"a", "policy", " ", "\n", "\r\n", "\n\n", "é", "\uD83D\uDE00", "\t"}; // with a surrogate pair
        for (int round = 0; round < 300; round++) {
            StringBuilder b = new StringBuilder();
            int len = rnd.nextInt(40);
            for (int i = 0; i < len; i++) {
                b.append(pieces[rnd.nextInt(pieces.length)]);
            }
            String text = b.toString();
            LineStarts lines = LineStarts.of(text);
            for (int offset = -1; offset <= text.length() + 1; offset++) {
                int o = offset;
                assertEquals(TextPosition.of(text, offset), lines.position(offset), () -> "offset " + o + " in " + text.replace("\n", "\\n"));
            }
        }
    }

    @Test
    void knowsWhichTextItIndexes() {
        String text = "a\nb";
        LineStarts lines = LineStarts.of(text);
        assertTrue(lines.isFor(text));
        assertFalse(lines.isFor(new String("a\nb")));
        assertEquals(new TextPosition(2, 2), lines.position(3));
    }
}
