package org.copper.lang.ide.quickfix;

import java.util.List;

import org.copper.lang.iface.Side;
import org.copper.lang.policy.CallStatement;
import org.copper.lang.policy.StateVariable;
import org.copper.lang.validation.CopperIssueCodes;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.ide.editor.quickfix.AbstractDeclarativeIdeQuickfixProvider;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolutionAcceptor;
import org.eclipse.xtext.ide.editor.quickfix.QuickFix;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;

/**
 * Quick fixes, one per issue code with an obvious fix (as rune-dsl's {@code RosettaQuickFixProvider} keys its fixes),
 * from the data the validators attach (see {@link CopperIssueCodes}): the suggested pattern ({@code patternForm},
 * {@code singleServicePattern}), the section an action belongs in ({@code actionWrongSection}: move it) or lacks
 * ({@code actionMissingSection}: copy it), the unused state ({@code unusedState}: remove it) and the graph's closest
 * service ({@code unknownService}). Codes without data or without one right answer (conflicts, a pattern matching no
 * call, unresolved names) get none.
 */
public class CopperQuickFixes extends AbstractDeclarativeIdeQuickfixProvider {

    /** The pattern form check suggests a whole pattern: replace the string's content with it. */
    @QuickFix(CopperIssueCodes.PATTERN_FORM)
    public void patternForm(DiagnosticResolutionAcceptor acceptor) {
        acceptor.accept("Use the suggested pattern", (Diagnostic d, EObject o, Document doc) -> suggestedPattern(d, doc));
    }

    /** A pattern that names a single service: prefix it with {@code .*}. */
    @QuickFix(CopperIssueCodes.SINGLE_SERVICE_PATTERN)
    public void singleService(DiagnosticResolutionAcceptor acceptor) {
        acceptor.accept("Match the service anywhere downstream ('.* ...')", (Diagnostic d, EObject o, Document doc) -> suggestedPattern(d, doc));
    }

    /** The context string's content replaced by the whole pattern the check suggested (its first data item). */
    private List<TextEdit> suggestedPattern(Diagnostic d, Document doc) {
        String suggestion = firstData(d);
        return suggestion == null ? List.<TextEdit>of() : replaceContext(d, doc, suggestion);
    }

    /** An action in the wrong section: move its statement into the section the data names (made when missing). */
    @QuickFix(CopperIssueCodes.ACTION_WRONG_SECTION)
    public void actionWrongSection(DiagnosticResolutionAcceptor acceptor) {
        acceptor.accept("Move the call into its section", (Diagnostic d, EObject o, Document doc) -> {
            CallStatement statement = StatementEdits.statementOf(o);
            Side side = side(d);
            return statement == null || side == null ? List.<TextEdit>of() : StatementEdits.move(statement, side, doc);
        });
    }

    /** An [Ingress, Egress] action in one section only: copy its statement into the other (made when missing). */
    @QuickFix(CopperIssueCodes.ACTION_MISSING_SECTION)
    public void actionMissingSection(DiagnosticResolutionAcceptor acceptor) {
        acceptor.accept("Call it in the other section too", (Diagnostic d, EObject o, Document doc) -> {
            CallStatement statement = StatementEdits.statementOf(o);
            Side side = side(d);
            return statement == null || side == null ? List.<TextEdit>of() : StatementEdits.copy(statement, side, doc);
        });
    }

    /** A {@code using} variable nothing calls: remove its declaration, {@code using (...)} and a following comma. */
    @QuickFix(CopperIssueCodes.UNUSED_STATE)
    public void unusedState(DiagnosticResolutionAcceptor acceptor) {
        acceptor.accept("Remove the unused state", (Diagnostic d, EObject o, Document doc) -> {
            StateVariable variable = EcoreUtil2.getContainerOfType(o, StateVariable.class);
            ICompositeNode node = variable == null ? null : NodeModelUtils.findActualNodeFor(variable);
            if (node == null || !variable.getName().equals(firstData(d))) {
                return List.<TextEdit>of();
            }
            String text = doc.getContents();
            int start = text.lastIndexOf("using", node.getOffset());
            int end = text.indexOf(')', node.getEndOffset());
            if (start < 0 || end < 0 || !text.substring(start + "using".length(), node.getOffset()).strip().equals("(")
                    || !text.substring(node.getEndOffset(), end).isBlank()) {
                return List.<TextEdit>of(); // comments or odd spacing between the tokens: leave it to the author
            }
            end++;
            int after = end;
            while (after < text.length() && (text.charAt(after) == ' ' || text.charAt(after) == '\t')) {
                after++;
            }
            if (after < text.length() && text.charAt(after) == ',') {
                end = after + 1;
            }
            while (end < text.length() && text.charAt(end) == ' ' && start > 0 && text.charAt(start - 1) == ' ') {
                end++; // "act (...), using (...), context" loses one of the two spaces around it too
            }
            return List.of(StatementEdits.remove(start, end, doc));
        });
    }

    /** A service the graph does not know: use the closest known name, which the data carries. */
    @QuickFix(CopperIssueCodes.UNKNOWN_SERVICE)
    public void unknownService(DiagnosticResolutionAcceptor acceptor) {
        acceptor.accept("Use the closest service of the graph", (Diagnostic d, EObject o, Document doc) -> {
            String near = firstData(d);
            return near == null ? List.<TextEdit>of() : List.of(new TextEdit(d.getRange(), near));
        });
    }

    private static Side side(Diagnostic d) {
        String name = firstData(d);
        return name == null ? null : Side.get(name);
    }

    /** Replaces the whole quoted string under the diagnostic by the suggestion, keeping its quote character. */
    private static List<TextEdit> replaceContext(Diagnostic d, Document doc, String suggestion) {
        String text = doc.getContents();
        int at = doc.getOffSet(d.getRange().getStart());
        int open = at;
        while (open > 0 && text.charAt(open) != '\'' && text.charAt(open) != '"') {
            open--;
        }
        char quote = text.charAt(open);
        int close = text.indexOf(quote, open + 1);
        if (close < 0) {
            return List.of();
        }
        return List.of(new TextEdit(new org.eclipse.lsp4j.Range(doc.getPosition(open + 1), doc.getPosition(close)), suggestion));
    }

    static String firstData(Diagnostic d) {
        Object data = d.getData();
        if (data instanceof String[] a && a.length > 0) {
            return a[0];
        }
        if (data instanceof JsonArray a && !a.isEmpty() && a.get(0).isJsonPrimitive()) {
            return a.get(0).getAsString();
        }
        if (data instanceof JsonElement e && e.isJsonPrimitive()) {
            return e.getAsString();
        }
        return null;
    }
}
