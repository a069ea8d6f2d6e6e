package org.copper.lang.validation;

import java.util.List;

import org.copper.lang.policy.Policy;
import org.copper.lang.policy.PolicyPackage;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * Maps offsets inside a policy's context pattern (the unescaped string value) to offsets in
 * the file, so that pattern diagnostics point at the offending character inside the literal.
 */
public final class PatternPositions {
    private final int literalOffset;
    private final String raw;

    private PatternPositions(int literalOffset, String raw) {
        this.literalOffset = literalOffset;
        this.raw = raw;
    }

    public static PatternPositions of(Policy policy) {
        List<INode> nodes = NodeModelUtils.findNodesForFeature(policy, PolicyPackage.Literals.POLICY__CONTEXTS);
        if (nodes.isEmpty()) {
            return null;
        }
        INode node = nodes.get(0);
        return new PatternPositions(node.getOffset(), node.getText());
    }

    /** File offset of the character at {@code valueOffset} of the unescaped value. */
    public int fileOffset(int valueOffset) {
        int rawIndex = 1; // after the opening quote
        for (int v = 0; v < valueOffset && rawIndex < raw.length() - 1; v++) {
            rawIndex += raw.charAt(rawIndex) == '\\' ? 2 : 1;
        }
        return literalOffset + rawIndex;
    }

    /** File length of the value range [valueOffset, valueOffset + length). */
    public int fileLength(int valueOffset, int length) {
        return Math.max(1, fileOffset(valueOffset + length) - fileOffset(valueOffset));
    }
}
