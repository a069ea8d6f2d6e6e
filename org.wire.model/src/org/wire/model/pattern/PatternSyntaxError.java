package org.wire.model.pattern;

/** A syntax error inside a context pattern, positioned by offsets into the pattern text. */
public final class PatternSyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;
    private final int length;

    public PatternSyntaxError(String message, int offset, int length) {
        super(message);
        this.offset = offset;
        this.length = Math.max(1, length);
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }
}
