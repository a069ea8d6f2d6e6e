package org.copper.lang.api;

/**
 * A 1-based line and column for an offset into a file's text, as a reader counts them: columns in
 * characters (code points), not UTF-16 units.
 */
record TextPosition(int line, int column) {
    static TextPosition of(String text, int offset) {
        int end = Math.max(0, Math.min(offset, text.length()));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new TextPosition(line, text.codePointCount(lineStart, end) + 1);
    }
}
