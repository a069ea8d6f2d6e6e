package org.copper.lang.ui;

import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.util.CancelIndicator;

/** Hover through the language server's hover service ({@code CopperHover}): signature, section, dataplanes. */
public class CopperTextHover implements ITextHover {
    @Override
    public String getHoverInfo(ITextViewer viewer, IRegion region) {
        ParsedBuffer buffer = ParsedBuffer.of(viewer.getDocument());
        if (buffer == null) {
            return null;
        }
        Hover hover = buffer.injector.getInstance(IHoverService.class).hover(buffer.document, buffer.resource,
                new HoverParams(buffer.id(), buffer.position(region.getOffset())), CancelIndicator.NullImpl);
        if (hover == null || hover.getContents() == null || !hover.getContents().isRight()) {
            return null;
        }
        String markdown = hover.getContents().getRight().getValue();
        return markdown == null || markdown.isBlank() ? null : plain(markdown);
    }

    /** The generic editor shows hovers as plain text: code fences and bold markers would show as such. */
    static String plain(String markdown) {
        return markdown.replaceAll("(?m)^```[a-z]*\\n?", "").replace("**", "").strip();
    }

    @Override
    public IRegion getHoverRegion(ITextViewer viewer, int offset) {
        return new Region(offset, 0);
    }
}
