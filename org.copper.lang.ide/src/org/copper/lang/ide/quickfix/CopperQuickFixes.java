package org.copper.lang.ide.quickfix;

import java.util.List;

import org.copper.lang.validation.CopperIssueCodes;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.ide.editor.quickfix.AbstractDeclarativeIdeQuickfixProvider;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolutionAcceptor;
import org.eclipse.xtext.ide.editor.quickfix.QuickFix;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;

/** Quick fixes from the data the validators attach to their issues (see {@link CopperIssueCodes}). */
public class CopperQuickFixes extends AbstractDeclarativeIdeQuickfixProvider {

    /** The pattern form check suggests a whole pattern: replace the string's content with it. */
    @QuickFix(CopperIssueCodes.PATTERN_FORM)
    public void patternForm(DiagnosticResolutionAcceptor acceptor) {
        acceptor.accept("Use the suggested pattern", (Diagnostic d, org.eclipse.emf.ecore.EObject o, org.eclipse.xtext.ide.server.Document doc) -> {
            String suggestion = firstData(d);
            return suggestion == null ? List.<TextEdit>of() : replaceContext(d, doc, suggestion);
        });
    }

    /** A pattern that names a single service: prefix it with {@code .*}. */
    @QuickFix(CopperIssueCodes.SINGLE_SERVICE_PATTERN)
    public void singleService(DiagnosticResolutionAcceptor acceptor) {
        acceptor.accept("Match the service anywhere downstream ('.* ...')",
                (Diagnostic d, org.eclipse.emf.ecore.EObject o, org.eclipse.xtext.ide.server.Document doc) -> {
                    String suggestion = firstData(d);
                    return suggestion == null ? List.<TextEdit>of() : replaceContext(d, doc, suggestion);
                });
    }

    /** Replaces the whole quoted string under the diagnostic by the suggestion, keeping its quote character. */
    private static List<TextEdit> replaceContext(Diagnostic d, org.eclipse.xtext.ide.server.Document doc, String suggestion) {
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
