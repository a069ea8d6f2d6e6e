package org.copper.lang.ide.quickfix;

import java.util.ArrayList;
import java.util.List;

import org.copper.lang.iface.Side;
import org.copper.lang.policy.CallStatement;
import org.copper.lang.policy.Policy;
import org.copper.lang.policy.Section;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * Text edits that move or copy a call statement into a policy's other section, creating the section when the policy
 * has none of that side. Edits are in the coordinates of the unchanged document, as LSP wants them.
 */
final class StatementEdits {
    private StatementEdits() {}

    /** The call statement a diagnostic on a call is about, when it stands directly in a section (not inside an if). */
    static CallStatement statementOf(EObject at) {
        CallStatement statement = EcoreUtil2.getContainerOfType(at, CallStatement.class);
        return statement != null && statement.eContainer() instanceof Section ? statement : null;
    }

    /** Moves the statement to the end of the policy's section of {@code side}. */
    static List<TextEdit> move(CallStatement statement, Side side, Document doc) {
        List<TextEdit> edits = copy(statement, side, doc);
        if (edits.isEmpty()) {
            return edits;
        }
        TextEdit removal = removeLine(statement, doc);
        int start = doc.getOffSet(removal.getRange().getStart()), end = doc.getOffSet(removal.getRange().getEnd());
        TextEdit insertion = edits.get(0);
        int at = doc.getOffSet(insertion.getRange().getStart());
        if (at > start && at <= end) {
            // the statement ends the last section, where a new section goes: insert before its line instead
            if (start == 0 || doc.getContents().charAt(start - 1) != '\n') {
                return new ArrayList<>();
            }
            insertion.setRange(new Range(doc.getPosition(start - 1), doc.getPosition(start - 1)));
        }
        edits.add(removal);
        return edits;
    }

    /** Copies the statement to the end of the policy's section of {@code side}. */
    static List<TextEdit> copy(CallStatement statement, Side side, Document doc) {
        Policy policy = EcoreUtil2.getContainerOfType(statement, Policy.class);
        ICompositeNode node = NodeModelUtils.findActualNodeFor(statement);
        if (policy == null || node == null) {
            return new ArrayList<>();
        }
        String text = doc.getContents();
        String indent = indentOf(text, node.getOffset());
        Section target = policy.getSections().stream().filter(s -> s.getSide() == side).findFirst().orElse(null);
        String line = "\n" + indent + node.getText().strip();
        int at;
        if (target != null) {
            at = NodeModelUtils.findActualNodeFor(target).getEndOffset();
        } else {
            Section last = policy.getSections().get(policy.getSections().size() - 1);
            at = NodeModelUtils.findActualNodeFor(last).getEndOffset();
            line = "\n" + indent + "[" + side.getLiteral() + "]" + line;
        }
        List<TextEdit> edits = new ArrayList<>();
        edits.add(new TextEdit(new Range(doc.getPosition(at), doc.getPosition(at)), line));
        return edits;
    }

    /** Removes the statement and, when nothing else stands on its line, the line. */
    static TextEdit removeLine(EObject element, Document doc) {
        ICompositeNode node = NodeModelUtils.findActualNodeFor(element);
        return remove(node.getOffset(), node.getEndOffset(), doc);
    }

    static TextEdit remove(int start, int end, Document doc) {
        String text = doc.getContents();
        int lineStart = start;
        while (lineStart > 0 && (text.charAt(lineStart - 1) == ' ' || text.charAt(lineStart - 1) == '\t')) {
            lineStart--;
        }
        int lineEnd = end;
        while (lineEnd < text.length() && (text.charAt(lineEnd) == ' ' || text.charAt(lineEnd) == '\t')) {
            lineEnd++;
        }
        boolean wholeLine = (lineStart == 0 || text.charAt(lineStart - 1) == '\n') && (lineEnd == text.length() || text.charAt(lineEnd) == '\n');
        if (wholeLine) {
            start = lineStart;
            end = Math.min(text.length(), lineEnd + 1);
        }
        return new TextEdit(new Range(doc.getPosition(start), doc.getPosition(end)), "");
    }

    /** The spaces and tabs that start the line holding {@code offset}. */
    static String indentOf(String text, int offset) {
        int start = text.lastIndexOf('\n', offset - 1) + 1;
        int end = start;
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        return text.substring(start, end);
    }
}
