package org.copper.lang.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.ide.server.contentassist.ContentAssistService;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * Content assist through the language server's completion service, in process: keywords, ACTs,
 * states, the actions valid for the receiver and the section, service names of the project's graph.
 */
public class CopperContentAssist implements IContentAssistProcessor {
    @Override
    public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
        ParsedBuffer buffer = ParsedBuffer.of(viewer.getDocument());
        if (buffer == null) {
            return new ICompletionProposal[0];
        }
        ContentAssistService service = buffer.injector.getInstance(ContentAssistService.class);
        CompletionList list = service.createCompletionList(buffer.document, buffer.resource,
                new CompletionParams(buffer.id(), buffer.position(offset)), CancelIndicator.NullImpl);
        List<ICompletionProposal> proposals = new ArrayList<>();
        for (CompletionItem item : list.getItems()) {
            if (item.getTextEdit() == null || !item.getTextEdit().isLeft()) {
                continue; // Xtext's service always answers with a plain TextEdit
            }
            TextEdit edit = item.getTextEdit().getLeft();
            String label = item.getDetail() == null || item.getDetail().isEmpty() ? item.getLabel() : item.getLabel() + " — " + item.getDetail();
            String info = item.getDocumentation() == null ? null
                    : item.getDocumentation().isLeft() ? item.getDocumentation().getLeft() : item.getDocumentation().getRight().getValue();
            proposals.add(new TextEditProposal(label, info, List.of(new TextEditProposal.Edit(
                    buffer.offset(edit.getRange().getStart()), buffer.offset(edit.getRange().getEnd()), edit.getNewText()))));
        }
        return proposals.toArray(ICompletionProposal[]::new);
    }

    @Override
    public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
        return null;
    }

    @Override
    public char[] getCompletionProposalAutoActivationCharacters() {
        return new char[] { '(' };
    }

    @Override
    public char[] getContextInformationAutoActivationCharacters() {
        return null;
    }

    @Override
    public String getErrorMessage() {
        return null;
    }

    @Override
    public IContextInformationValidator getContextInformationValidator() {
        return null;
    }
}
