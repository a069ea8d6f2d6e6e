package org.copper.lang.ui;

import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.hyperlink.AbstractHyperlinkDetector;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.lsp4j.Location;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolService;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.findReferences.IReferenceFinder;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.concurrent.IUnitOfWork;

/**
 * Ctrl+click (go to definition) through the language server's definition service
 * ({@code CopperDefinitions}): ACTs, states, actions, variables, and an import's string to the
 * imported file; built-in interfaces open as the plain copies the service points at.
 */
public class CopperHyperlinks extends AbstractHyperlinkDetector {
    @Override
    public IHyperlink[] detectHyperlinks(ITextViewer viewer, IRegion region, boolean canShowMultipleHyperlinks) {
        ParsedBuffer buffer = ParsedBuffer.of(viewer.getDocument());
        if (buffer == null || buffer.resource.getParseResult() == null) {
            return null;
        }
        int offset = region.getOffset();
        ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(buffer.resource.getParseResult().getRootNode(), offset);
        if (leaf == null || leaf.isHidden()) {
            return null;
        }
        List<? extends Location> targets = buffer.injector.getInstance(DocumentSymbolService.class).getDefinitions(buffer.resource, offset,
                new IReferenceFinder.IResourceAccess() {
                    @Override
                    public <R> R readOnly(URI uri, IUnitOfWork<R, ResourceSet> work) {
                        try {
                            return work.exec(buffer.resource.getResourceSet());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }, CancelIndicator.NullImpl);
        if (targets.isEmpty()) {
            return null;
        }
        IRegion word = new Region(leaf.getOffset(), leaf.getLength());
        return targets.stream().map(t -> (IHyperlink) new DefinitionHyperlink(word, t)).toArray(IHyperlink[]::new);
    }
}
