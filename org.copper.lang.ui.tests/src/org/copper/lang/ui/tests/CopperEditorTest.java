package org.copper.lang.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.copper.lang.validation.CopperIssueCodes;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.jface.text.hyperlink.IHyperlinkDetector;
import org.eclipse.jface.text.quickassist.IQuickAssistProcessor;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.text.source.TextInvocationContext;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Copper editor in a real workbench (Tycho's UI harness, under Xvfb): the Hotel Reservation
 * example in a workspace project, opened in the generic editor through the plug-in's content types,
 * with problem markers, content assist, hover, go to definition and a quick fix as a user meets them.
 */
class CopperEditorTest {
    static final String GENERIC_EDITOR = "org.eclipse.ui.genericeditor.GenericEditor";
    static final String MARKER = "org.copper.lang.ui.problem";
    /** The example's [Ingress] statement after which the tests write. */
    static final String INGRESS_STATEMENT = "SetHeader(request, \"x-origin\", \"search\");";
    /** An [Egress]-only action: wrong in [Ingress]. */
    static final String WRONG_SECTION_LINE = "RouteToVersion(request, 'rate', 'v2');";

    static IProject project;
    static String example;

    @BeforeAll
    static void importTheExample() throws Exception {
        Path folder = Path.of(System.getProperty("copper.examples"), "hotel-reservation");
        project = ResourcesPlugin.getWorkspace().getRoot().getProject("hotel-reservation");
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Workbench.write(project, f.getFileName().toString(), Files.readString(f));
            }
        }
        example = Files.readString(folder.resolve("policies.cup"));
        assertTrue(example.contains(INGRESS_STATEMENT), "the example changed: the tests write after " + INGRESS_STATEMENT);
        Shell shell = Display.getCurrent().getActiveShell() != null ? Display.getCurrent().getActiveShell()
                : Workbench.page().getWorkbenchWindow().getShell();
        shell.setBounds(0, 0, 1280, 800);
    }

    @AfterEach
    void closeEditors() {
        Workbench.page().closeAllEditors(false);
    }

    @Test
    void anInvalidPolicyGetsAProblemMarkerOnItsLine() throws Exception {
        String text = example.replace(INGRESS_STATEMENT, INGRESS_STATEMENT + "\n    " + WRONG_SECTION_LINE);
        IFile file = Workbench.write(project, "wrong-section.cup", text);
        ITextEditor editor = Workbench.open(file);
        assertEquals(GENERIC_EDITOR, editor.getSite().getId());

        List<IMarker> errors = waitForErrors(file, 1);
        IMarker marker = errors.get(0);
        assertEquals(lineOf(text, WRONG_SECTION_LINE), marker.getAttribute(IMarker.LINE_NUMBER, -1));
        assertEquals(CopperIssueCodes.ACTION_WRONG_SECTION, marker.getAttribute("copperIssueCode", ""));
        int start = marker.getAttribute(IMarker.CHAR_START, -1);
        assertTrue(text.startsWith("RouteToVersion", start), "the marker starts at " + start + ", not at the action");
        assertEquals(5, marker.getAttribute("copperColumn", -1), "column of the action in its line");
    }

    @Test
    void anInterfaceFileIsCheckedToo() throws Exception {
        String text = "// an interface whose parent does not exist\nact Special : Missing {\n    action Go(self),\n}\n";
        IFile file = Workbench.write(project, "special.cui", text);
        ITextEditor editor = Workbench.open(file);
        assertEquals(GENERIC_EDITOR, editor.getSite().getId());
        IMarker marker = waitForErrors(file, 1).get(0);
        assertEquals(lineOf(text, "Missing {"), marker.getAttribute(IMarker.LINE_NUMBER, -1));
        assertTrue(marker.getAttribute(IMarker.MESSAGE, "").contains("Missing"), marker.getAttribute(IMarker.MESSAGE, ""));
    }

    @Test
    void markersFollowTheUnsavedBuffer() throws Exception {
        IFile file = project.getFile("policies.cup");
        ITextEditor editor = Workbench.open(file);
        IDocument document = Workbench.document(editor);
        int at = document.get().indexOf(INGRESS_STATEMENT) + INGRESS_STATEMENT.length();
        document.replace(at, 0, "\n    " + WRONG_SECTION_LINE);
        List<IMarker> errors = waitForErrors(file, 1);
        assertEquals(lineOf(document.get(), WRONG_SECTION_LINE), errors.get(0).getAttribute(IMarker.LINE_NUMBER, -1));
        assertTrue(editor.isDirty(), "the file was not saved: the marker comes from the buffer");

        document.set(example);
        waitForErrors(file, 0);
    }

    @Test
    void completionInAnIngressSectionOffersItsActionsAndNotEgressOnes() throws Exception {
        String text = example.replace(INGRESS_STATEMENT, INGRESS_STATEMENT + "\n    " + WRONG_SECTION_LINE + "\n    ");
        IFile file = Workbench.write(project, "completion.cup", text);
        ITextEditor editor = Workbench.open(file);
        waitForErrors(file, 1); // the screenshot shows the marker too
        int caret = text.indexOf(WRONG_SECTION_LINE) + WRONG_SECTION_LINE.length() + "\n    ".length();
        editor.selectAndReveal(caret, 0);
        ISourceViewer viewer = Workbench.viewer(editor);
        viewer.getTextWidget().setFocus();
        viewer.getTextOperationTarget().doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);

        List<String> shown = new ArrayList<>();
        Workbench.waitUntil("the completion popup", () -> {
            shown.clear();
            shown.addAll(popupEntries());
            // the generic editor's asynchronous assist shows a placeholder row until every processor answered
            return !shown.isEmpty() && shown.stream().noneMatch(s -> s.startsWith("Computing proposals"));
        });
        assertTrue(shown.stream().anyMatch(s -> s.startsWith("SetHeader")), shown.toString());
        assertTrue(shown.stream().anyMatch(s -> s.startsWith("Deny")), shown.toString());
        assertTrue(shown.stream().anyMatch(s -> s.startsWith("Increment") || s.startsWith("GetHeader")), shown.toString());
        assertFalse(shown.stream().anyMatch(s -> s.startsWith("RouteToVersion")), "[Egress] action offered in [Ingress]: " + shown);

        String screenshot = System.getProperty("copper.screenshot");
        if (screenshot != null && !screenshot.isEmpty()) {
            // the Problems view lists the marker's message beside the editor; showing it hides the popup, so reopen that
            Workbench.page().showView("org.eclipse.ui.views.ProblemView", null, org.eclipse.ui.IWorkbenchPage.VIEW_VISIBLE);
            Workbench.settle(500);
            expandTrees(Workbench.page().getWorkbenchWindow().getShell()); // the Problems view's "Errors" group
            Workbench.page().activate(editor);
            editor.selectAndReveal(caret, 0);
            viewer.getTextWidget().setFocus();
            viewer.getTextOperationTarget().doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);
            Workbench.waitUntil("the completion popup again", () -> {
                List<String> rows = popupEntries();
                return rows.stream().anyMatch(s -> s.startsWith("Deny")) && rows.stream().noneMatch(s -> s.startsWith("Computing proposals"));
            });
            Workbench.settle(1000);
            Screenshot.save(Display.getCurrent(), Path.of(screenshot));
        }
    }

    @Test
    void hoverShowsTheActionsSignatureAndSection() throws Exception {
        ITextEditor editor = Workbench.open(project.getFile("policies.cup"));
        ITextHover hover = (ITextHover) contributed("org.eclipse.ui.genericeditor.hoverProviders", "hoverProvider");
        int at = example.indexOf("RouteToVersion(request, 'geo'") + 3;
        String info = hover.getHoverInfo(Workbench.viewer(editor), new Region(at, 0));
        assertNotNull(info, "no hover on RouteToVersion");
        assertTrue(info.contains("action Request.RouteToVersion(self, string service, string version)"), info);
        assertTrue(info.contains("[Egress]"), info);
    }

    @Test
    void ctrlClickOnAnActionOpensItsDeclarationInCommonCui() throws Exception {
        ITextEditor editor = Workbench.open(project.getFile("policies.cup"));
        IHyperlinkDetector detector = null;
        for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor("org.eclipse.ui.workbench.texteditor.hyperlinkDetectors")) {
            if ("org.copper.lang.ui.definitions".equals(e.getAttribute("id")) && GENERIC_EDITOR.equals(e.getAttribute("targetId"))) {
                detector = (IHyperlinkDetector) e.createExecutableExtension("class");
            }
        }
        assertNotNull(detector, "no hyperlink detector for the generic editor");
        int at = example.indexOf("Deny(request)") + 1;
        IHyperlink[] links = detector.detectHyperlinks(Workbench.viewer(editor), new Region(at, 0), false);
        assertNotNull(links, "no link on Deny");
        assertEquals(1, links.length);
        assertEquals(example.indexOf("Deny(request)"), links[0].getHyperlinkRegion().getOffset());
        assertEquals("Deny".length(), links[0].getHyperlinkRegion().getLength());
        links[0].open();

        IEditorPart opened = Workbench.page().getActiveEditor();
        assertEquals("common.cui", opened.getEditorInput().getName());
        assertEquals(GENERIC_EDITOR, opened.getSite().getId());
        ITextEditor target = (ITextEditor) opened;
        ITextSelection selection = (ITextSelection) target.getSelectionProvider().getSelection();
        IDocument cui = Workbench.document(target);
        String line = cui.get(cui.getLineOffset(selection.getStartLine()), cui.getLineLength(selection.getStartLine()));
        assertTrue(line.contains("action Deny(self)"), "selected line: " + line);
    }

    @Test
    void quickFixRewritesASingleServicePattern() throws Exception {
        String text = example.replace("context ('frontend profile')", "context ('profile')");
        IFile file = Workbench.write(project, "single-service.cup", text);
        ITextEditor editor = Workbench.open(file);
        Workbench.waitUntil("the single-service warning", () -> markers(file).stream()
                .anyMatch(m -> CopperIssueCodes.SINGLE_SERVICE_PATTERN.equals(m.getAttribute("copperIssueCode", ""))));
        IQuickAssistProcessor fixes = (IQuickAssistProcessor) contributed("org.eclipse.ui.genericeditor.quickAssistProcessors",
                "quickAssistProcessor");
        int at = text.indexOf("'profile'") + 2;
        ICompletionProposal[] proposals = fixes.computeQuickAssistProposals(new TextInvocationContext(Workbench.viewer(editor), at, 0));
        // other checks may offer fixes at the same place; this one must be there exactly once
        List<ICompletionProposal> fix = Arrays.stream(proposals)
                .filter(p -> p.getDisplayString().equals("Match the service anywhere downstream ('.* ...')")).toList();
        assertEquals(1, fix.size(), Arrays.stream(proposals).map(ICompletionProposal::getDisplayString).toList().toString());
        IDocument document = Workbench.document(editor);
        fix.get(0).apply(document);
        assertEquals(text.replace("context ('profile')", "context ('.* profile')"), document.get());
        Workbench.waitUntil("the warning to go", () -> markers(file).stream()
                .noneMatch(m -> CopperIssueCodes.SINGLE_SERVICE_PATTERN.equals(m.getAttribute("copperIssueCode", ""))));
    }

    /** A class the plug-in contributes for .cup files to an extension point of the generic editor. */
    private static Object contributed(String point, String element) throws CoreException {
        for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor(point)) {
            if (e.getName().equals(element) && "org.copper.lang.ui.policy".equals(e.getAttribute("contentType"))) {
                return e.createExecutableExtension("class");
            }
        }
        throw new AssertionError("nothing contributed to " + point + " for .cup files");
    }

    private static List<IMarker> markers(IFile file) {
        try {
            return Arrays.asList(file.findMarkers(MARKER, false, IResource.DEPTH_ZERO));
        } catch (CoreException e) {
            throw new AssertionError(e);
        }
    }

    private static List<IMarker> waitForErrors(IFile file, int count) {
        List<IMarker> errors = new ArrayList<>();
        Workbench.waitUntil(count + " error marker(s) on " + file.getName(), () -> {
            errors.clear();
            markers(file).stream().filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR).forEach(errors::add);
            return errors.size() == count;
        });
        return errors;
    }

    /** The 1-based line of the first occurrence of {@code needle}. */
    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        assertTrue(at >= 0, needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static void expandTrees(org.eclipse.swt.widgets.Control control) {
        if (control instanceof Tree tree) {
            for (TreeItem item : tree.getItems()) {
                item.setExpanded(true);
            }
        }
        if (control instanceof org.eclipse.swt.widgets.Composite composite) {
            for (var child : composite.getChildren()) {
                expandTrees(child);
            }
        }
    }

    /** The rows of every visible popup table: the content-assist popup is a shell of its own. */
    private static List<String> popupEntries() {
        List<String> rows = new ArrayList<>();
        for (Shell shell : Display.getCurrent().getShells()) { // every shell of the display, popups included
            if (!shell.isVisible()) {
                continue;
            }
            for (var control : shell.getChildren()) {
                if (control instanceof Table table) {
                    for (TableItem item : table.getItems()) {
                        rows.add(item.getText());
                    }
                }
            }
        }
        return rows;
    }

}
