package org.wire.model.pattern;

/** A parsed context pattern: its text and its syntax tree. */
public record ContextPattern(String text, PatternNode root) {
    public boolean isMeshWide() {
        return root instanceof PatternNode.MeshWide;
    }

    public static ContextPattern parse(String text) throws PatternSyntaxError {
        return new ContextPatternParser(text).parse();
    }
}
