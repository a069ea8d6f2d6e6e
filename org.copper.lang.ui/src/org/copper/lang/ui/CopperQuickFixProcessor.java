package org.copper.lang.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.quickassist.IQuickAssistInvocationContext;
import org.eclipse.jface.text.quickassist.IQuickAssistProcessor;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.ui.texteditor.MarkerAnnotation;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolution;
import org.eclipse.xtext.ide.editor.quickfix.IQuickFixProvider;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;

/**
 * Quick fixes (Ctrl+1) through the language's quick-fix provider ({@code CopperQuickFixes}): the
 * buffer is checked again and every issue at the caret that has fixes offers them.
 */
public class CopperQuickFixProcessor implements IQuickAssistProcessor {
    @Override
    public ICompletionProposal[] computeQuickAssistProposals(IQuickAssistInvocationContext context) {
        ParsedBuffer buffer = ParsedBuffer.of(context.getSourceViewer().getDocument());
        if (buffer == null) {
            return new ICompletionProposal[0];
        }
        int caret = context.getOffset();
        IQuickFixProvider fixes = buffer.injector.getInstance(IQuickFixProvider.class);
        List<ICompletionProposal> proposals = new ArrayList<>();
        for (Issue issue : buffer.validate()) {
            if (issue.getCode() == null || issue.getOffset() == null || caret < issue.getOffset() || caret > issue.getOffset() + issue.getLength()) {
                continue;
            }
            Diagnostic diagnostic = diagnostic(buffer, issue);
            ICodeActionService2.Options options = new ICodeActionService2.Options();
            options.setDocument(buffer.document);
            options.setResource(buffer.resource);
            options.setURI(buffer.uri.toString());
            options.setCancelIndicator(CancelIndicator.NullImpl);
            options.setLanguageServerAccess(new BufferServerAccess(buffer));
            CodeActionParams params = new CodeActionParams(buffer.id(), diagnostic.getRange(), new CodeActionContext(List.of(diagnostic)));
            options.setCodeActionParams(params);
            for (DiagnosticResolution resolution : fixes.getResolutions(options, diagnostic)) {
                WorkspaceEdit edit = resolution.apply();
                if (edit == null || edit.getChanges() == null) {
                    continue; // Xtext logs why a resolution could not be computed
                }
                List<TextEditProposal.Edit> edits = new ArrayList<>();
                for (Map.Entry<String, List<TextEdit>> file : edit.getChanges().entrySet()) {
                    for (TextEdit e : file.getValue()) {
                        edits.add(new TextEditProposal.Edit(buffer.offset(e.getRange().getStart()), buffer.offset(e.getRange().getEnd()), e.getNewText()));
                    }
                }
                if (!edits.isEmpty()) {
                    proposals.add(new TextEditProposal(resolution.getLabel(), issue.getMessage(), edits));
                }
            }
        }
        return proposals.toArray(ICompletionProposal[]::new);
    }

    /** The issue as the language server publishes it: code, fix data, range. */
    private static Diagnostic diagnostic(ParsedBuffer buffer, Issue issue) {
        Diagnostic d = new Diagnostic();
        d.setCode(issue.getCode());
        d.setMessage(issue.getMessage());
        d.setSeverity(issue.getSeverity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning);
        d.setData(issue.getData());
        d.setRange(new Range(buffer.position(issue.getOffset()), buffer.position(issue.getOffset() + issue.getLength())));
        return d;
    }

    @Override
    public boolean canFix(Annotation annotation) {
        return annotation instanceof MarkerAnnotation m && m.getMarker().getAttribute(ProblemMarkers.CODE, null) != null;
    }

    @Override
    public boolean canAssist(IQuickAssistInvocationContext invocationContext) {
        return false;
    }

    @Override
    public String getErrorMessage() {
        return null;
    }
}
