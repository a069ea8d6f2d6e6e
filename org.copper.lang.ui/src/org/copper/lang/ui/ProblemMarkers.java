package org.copper.lang.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.reconciler.DirtyRegion;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.jface.text.reconciler.IReconcilingStrategyExtension;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;

/**
 * Parses and validates the editor's buffer and shows every issue as a problem marker on the file
 * (line, column, range, message, issue code and fix data), replacing the previous ones: what
 * {@code copper check} and the language server report, in the Problems view and the editor's ruler.
 */
final class ProblemMarkers implements IReconcilingStrategy, IReconcilingStrategyExtension {
    /** Declared in plugin.xml: a problem marker and a text marker, not persisted (the next check recreates them). */
    static final String TYPE = "org.copper.lang.ui.problem";
    static final String CODE = "copperIssueCode";
    static final String DATA = "copperIssueData";
    static final String COLUMN = "copperColumn";

    private IDocument document;

    @Override
    public void setDocument(IDocument document) {
        this.document = document;
    }

    @Override
    public void initialReconcile() {
        check();
    }

    @Override
    public void reconcile(IRegion partition) {
        check();
    }

    @Override
    public void reconcile(DirtyRegion dirtyRegion, IRegion subRegion) {
        check();
    }

    @Override
    public void setProgressMonitor(IProgressMonitor monitor) {}

    private void check() {
        IDocument current = document;
        if (current == null) {
            return;
        }
        try {
            ParsedBuffer buffer = ParsedBuffer.of(current);
            if (buffer == null || buffer.file == null) {
                return; // a file outside the workspace has no place for markers
            }
            replace(buffer.file, buffer.validate());
        } catch (CoreException | RuntimeException | StackOverflowError e) {
            ILog.of(ProblemMarkers.class).error("Copper: checking the editor's text failed", e);
        }
    }

    private static void replace(IFile file, List<Issue> issues) throws CoreException {
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        workspace.run(monitor -> {
            if (!file.exists()) {
                return;
            }
            file.deleteMarkers(TYPE, false, IResource.DEPTH_ZERO);
            for (Issue issue : issues) {
                // all attributes in one call: a reader never sees a marker without its line or severity
                Map<String, Object> attributes = new HashMap<>();
                attributes.put(IMarker.MESSAGE, issue.getMessage());
                attributes.put(IMarker.SEVERITY, severity(issue.getSeverity()));
                attributes.put(IMarker.LOCATION, "line " + issue.getLineNumber() + ", column " + issue.getColumn());
                if (issue.getLineNumber() != null) {
                    attributes.put(IMarker.LINE_NUMBER, issue.getLineNumber().intValue());
                }
                if (issue.getColumn() != null) {
                    attributes.put(COLUMN, issue.getColumn().intValue());
                }
                if (issue.getOffset() != null && issue.getLength() != null) {
                    attributes.put(IMarker.CHAR_START, issue.getOffset().intValue());
                    attributes.put(IMarker.CHAR_END, issue.getOffset() + issue.getLength());
                }
                if (issue.getCode() != null) {
                    attributes.put(CODE, issue.getCode());
                }
                if (issue.getData() != null && issue.getData().length > 0) {
                    attributes.put(DATA, String.join("\n", issue.getData()));
                }
                file.createMarker(TYPE, attributes);
            }
        }, null, IWorkspace.AVOID_UPDATE, null);
    }

    private static int severity(Severity severity) {
        return switch (severity) {
            case ERROR -> IMarker.SEVERITY_ERROR;
            case WARNING -> IMarker.SEVERITY_WARNING;
            default -> IMarker.SEVERITY_INFO;
        };
    }
}
