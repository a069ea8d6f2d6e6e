package org.copper.lang.ui;

import java.util.Comparator;
import java.util.List;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;

/**
 * A proposal that applies text edits computed by the language services (offsets into the text
 * they were computed on), last edit first so earlier offsets stay valid.
 */
final class TextEditProposal implements ICompletionProposal {
    /** One replacement: {@code [start, end)} of the text becomes {@code text}. */
    record Edit(int start, int end, String text) {}

    private final String label;
    private final String info;
    private final List<Edit> edits;
    private int caret = -1;

    TextEditProposal(String label, String info, List<Edit> edits) {
        this.label = label;
        this.info = info;
        this.edits = edits.stream().sorted(Comparator.comparingInt(Edit::start).reversed()).toList();
    }

    @Override
    public void apply(IDocument document) {
        try {
            for (Edit e : edits) {
                document.replace(e.start(), e.end() - e.start(), e.text());
            }
            if (edits.size() == 1) {
                caret = edits.get(0).start() + edits.get(0).text().length();
            }
        } catch (BadLocationException e) {
            throw new IllegalStateException("the text changed while the proposal was shown", e);
        }
    }

    @Override
    public Point getSelection(IDocument document) {
        return caret < 0 ? null : new Point(caret, 0);
    }

    @Override
    public String getAdditionalProposalInfo() {
        return info;
    }

    @Override
    public String getDisplayString() {
        return label;
    }

    @Override
    public Image getImage() {
        return null;
    }

    @Override
    public IContextInformation getContextInformation() {
        return null;
    }
}
