package org.copper.lang.api;

import java.util.Arrays;

/**
 * Where the lines of one text start, so that many diagnostics in one file each cost a binary search for the line
 * instead of a scan from the start of the file ({@link TextPosition#of} per diagnostic made N diagnostics in a file
 * of N policies quadratic). Lines are counted as {@link TextPosition#of} counts them.
 */
final class LineStarts {
    private final String text;
    private final int[] starts;

    private LineStarts(String text, int[] starts) {
        this.text = text;
        this.starts = starts;
    }

    static LineStarts of(String text) {
        int[] starts = new int[16];
        int count = 1; // line 1 starts at 0
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = i + 1;
        }
        return new LineStarts(text, Arrays.copyOf(starts, count));
    }

    /** Whether this index was built for exactly this text (the same string). */
    boolean isFor(String other) {
        return text == other;
    }

    TextPosition position(int offset) {
        int end = Math.max(0, Math.min(offset, text.length()));
        // the last line start <= end: a line break at end - 1 starts a line at end
        int k = Arrays.binarySearch(starts, end);
        int line = k >= 0 ? k : -k - 2;
        return new TextPosition(line + 1, text.codePointCount(starts[line], end) + 1);
    }
}
