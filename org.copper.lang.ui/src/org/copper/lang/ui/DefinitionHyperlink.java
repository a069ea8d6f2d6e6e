package org.copper.lang.ui;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.lsp4j.Location;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;

/** Opens a definition's file (a workspace file when it is one, else the file on disk) and selects its start. */
final class DefinitionHyperlink implements IHyperlink {
    private final IRegion region;
    private final Location target;

    DefinitionHyperlink(IRegion region, Location target) {
        this.region = region;
        this.target = target;
    }

    @Override
    public IRegion getHyperlinkRegion() {
        return region;
    }

    @Override
    public String getTypeLabel() {
        return "Copper definition";
    }

    @Override
    public String getHyperlinkText() {
        java.net.URI uri = java.net.URI.create(target.getUri());
        String path = uri.getPath();
        return "Open " + path.substring(path.lastIndexOf('/') + 1) + " at line " + (target.getRange().getStart().getLine() + 1);
    }

    @Override
    public void open() {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        java.net.URI uri = java.net.URI.create(target.getUri());
        try {
            IFile[] files = ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(uri);
            IEditorPart editor = files.length > 0 ? IDE.openEditor(page, files[0]) : IDE.openEditorOnFileStore(page, EFS.getStore(uri));
            if (editor instanceof ITextEditor text) {
                IDocument document = text.getDocumentProvider().getDocument(text.getEditorInput());
                int line = target.getRange().getStart().getLine();
                int offset = document.getLineOffset(line) + target.getRange().getStart().getCharacter();
                text.selectAndReveal(offset, 0);
            }
        } catch (CoreException | BadLocationException e) {
            ILog.of(DefinitionHyperlink.class).error("Copper: cannot open " + uri, e);
        }
    }
}
