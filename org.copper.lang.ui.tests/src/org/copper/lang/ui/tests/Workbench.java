package org.copper.lang.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;

/** What the tests do in the workbench: files, editors, and waiting while the UI thread keeps running. */
final class Workbench {
    private Workbench() {}

    static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    static IFile write(IProject project, String name, String text) throws CoreException {
        IFile file = project.getFile(name);
        ByteArrayInputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        if (file.exists()) {
            file.setContents(in, true, false, null);
        } else {
            file.create(in, true, null);
        }
        return file;
    }

    static ITextEditor open(IFile file) throws PartInitException {
        IEditorPart editor = IDE.openEditor(page(), file);
        if (!(editor instanceof ITextEditor text)) {
            throw new AssertionError(file.getName() + " opened in " + editor.getClass().getName() + ", not a text editor");
        }
        return text;
    }

    static IDocument document(ITextEditor editor) {
        return editor.getDocumentProvider().getDocument(editor.getEditorInput());
    }

    /** The editor's source viewer: a text editor hands it out as its text operation target. */
    static ISourceViewer viewer(ITextEditor editor) {
        return (ISourceViewer) editor.getAdapter(ITextOperationTarget.class);
    }

    /**
     * Runs the event loop until the condition holds (reconciling and content assist are
     * asynchronous). The limit only keeps a broken build from hanging; it is no performance check.
     */
    static void waitUntil(String what, BooleanSupplier condition) {
        Display display = Display.getCurrent();
        long end = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("waited 60 s for " + what);
            }
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted while waiting for " + what);
                }
            }
        }
    }

    /** Lets pending UI work run for a moment (painting before a screenshot). */
    static void settle(long millis) {
        Display display = Display.getCurrent();
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
