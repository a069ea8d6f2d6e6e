package org.wire.model;

/** Where a model element was written, for messages that name it (1-based line and column). */
public record SourceLocation(String file, int line, int column) {
    public static final SourceLocation UNKNOWN = new SourceLocation("<generated>", 0, 0);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
