package org.copper.lang.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import org.copper.lang.PolicyStandaloneSetup;
import org.copper.lang.iface.InterfaceFile;
import org.copper.lang.lowering.InterfaceLowering;
import org.copper.lang.lowering.PolicyLowering;
import org.copper.lang.policy.Policy;
import org.copper.lang.policy.PolicyFile;
import org.copper.lang.scoping.ImportResolver;
import org.copper.lang.validation.GivenGraph;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.DataplaneInterface;

import com.google.inject.Injector;

/**
 * The language's API for tools: loads Copper files (or directories of them) into one workspace,
 * validates them, classifies and lowers their policies. Used by {@code ./copper} and the tests.
 */
public final class CopperWorkspace {
    private static Injector injector;

    private final XtextResourceSet resourceSet;
    private final List<Resource> userResources = new ArrayList<>();
    private final List<CopperDiagnostic> diagnostics = new ArrayList<>();
    private final Map<Resource, LineStarts> lineStarts = new HashMap<>(); // per file, for the positions of its diagnostics

    private CopperWorkspace(XtextResourceSet resourceSet) {
        this.resourceSet = resourceSet;
    }

    static synchronized Injector injector() {
        if (injector == null) {
            // In the language server the IDE setup has registered the languages already, with an injector that
            // extends this one by the editor services. Registering again would hand every file the editor opens
            // afterwards to a runtime-only injector (no completion, no hover): reuse the registered one.
            Object registered = IResourceServiceProvider.Registry.INSTANCE.getExtensionToFactoryMap().get("cup");
            Injector ide = registered instanceof IResourceServiceProvider provider ? provider.get(Injector.class) : null;
            injector = ide != null ? ide : new PolicyStandaloneSetup().createInjectorAndDoEMFRegistration();
        }
        return injector;
    }

    /**
     * Loads and validates every {@code .cup} and {@code .cui} file under the given paths.
     *
     * @throws NoSuchFileException if a path does not exist
     * @throws IllegalArgumentException if a file path given explicitly is not a Copper file
     */
    public static CopperWorkspace load(List<Path> paths) throws IOException {
        CopperWorkspace ws = new CopperWorkspace(injector().getInstance(XtextResourceSet.class));
        GivenGraph.set(ws.resourceSet, null, List.of()); // no graph until checkAgainst gives one: a plain check looks for none
        List<CopperDiagnostic> unreadable = new ArrayList<>();
        for (Path file : collect(paths, unreadable)) {
            URI uri = URI.createFileURI(file.toAbsolutePath().normalize().toString());
            try {
                ws.userResources.add(ws.resourceSet.getResource(uri, true));
            } catch (RuntimeException e) {
                // unreadable (permissions, I/O error): a diagnostic for this file, the others are still checked
                Resource broken = ws.resourceSet.getResource(uri, false);
                if (broken != null) {
                    ws.resourceSet.getResources().remove(broken);
                }
                unreadable.add(fileProblem(file, loadProblem(e)));
            }
        }
        ws.validate();
        ws.diagnostics.addAll(unreadable);
        ws.diagnostics.sort(CopperDiagnostic.ORDER);
        return ws;
    }

    static List<Path> collect(List<Path> paths, List<CopperDiagnostic> problems) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            Path name = p.getFileName();
            if (name != null && name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException(p + ": file name too long (more than 255 bytes)");
            }
            if (p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 4096) {
                throw new IllegalArgumentException(p.toString().substring(0, 80) + "...: path too long (4096 bytes or more)");
            }
            if (!Files.exists(p)) {
                throw new NoSuchFileException(p.toString(), null, "no such file or directory");
            }
            if (Files.isDirectory(p)) {
                Files.walkFileTree(p, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && isCopperFile(file)) {
                            files.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        problems.add(fileProblem(file, "cannot read: " + e.getClass().getSimpleName().replace("Exception", "")));
                        return FileVisitResult.CONTINUE;
                    }
                });
            } else if (!isCopperFile(p)) {
                throw new IllegalArgumentException(p + ": not a Copper file (expected .cup or .cui)");
            } else if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(p + ": not a regular file");
            } else if (!Files.isReadable(p)) {
                problems.add(fileProblem(p, "cannot read file: permission denied"));
            } else {
                files.add(p);
            }
        }
        return files.stream().map(f -> f.toAbsolutePath().normalize()).distinct().sorted().toList();
    }

    private static CopperDiagnostic fileProblem(Path file, String message) {
        return new CopperDiagnostic(displayPath(URI.createFileURI(file.toAbsolutePath().normalize().toString())), 1, 1, 0, 0,
                CopperDiagnostic.Severity.ERROR, message, null, List.of());
    }

    /** An I/O failure names its reason; anything else is a fault of ours, said so without internals. */
    private static String loadProblem(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IOException) { // EMF wraps whatever failed during a load in an IOException: look at the root
            return "cannot read file: " + rootMessage(root);
        }
        return "could not be checked: the parser failed on this file (a fault in Copper; please report it with this file)";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int paren = m.lastIndexOf(" (");
        return paren > 0 && m.endsWith(")") ? m.substring(paren + 2, m.length() - 1) : m; // "path (Permission denied)"
    }

    /** Whether the file is one the workspace reads: a policy ({@code .cup}) or interface ({@code .cui}) file. */
    public static boolean isCopperFile(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".cup") || name.endsWith(".cui");
    }

    private void validate() {
        Set<Resource> done = new HashSet<>();
        boolean more = true;
        while (more) { // validation may load imported files outside the given paths: check those too
            more = false;
            for (Resource r : List.copyOf(resourceSet.getResources())) {
                // an import that failed to load is reported on the import itself
                if (done.add(r) && r.isLoaded() && !ImportResolver.isBuiltin(r.getURI()) && r instanceof XtextResource xr) {
                    more = true;
                    List<Issue> issues;
                    try {
                        issues = xr.getResourceServiceProvider().getResourceValidator().validate(xr, CheckMode.ALL,
                                CancelIndicator.NullImpl);
                    } catch (RuntimeException | StackOverflowError e) {
                        // linking or a validator outside our checks failed: one error for the file, the others still checked
                        diagnostics.add(new CopperDiagnostic(displayPath(r.getURI()), 1, 1, 0, 0, CopperDiagnostic.Severity.ERROR,
                                e instanceof StackOverflowError ? "nested too deeply to check; split it into smaller pieces"
                                        : "could not be fully checked: the checker failed on this file (a fault in Copper; please report it with this file)",
                                org.copper.lang.validation.CopperIssueCodes.CHECKER_FAULT, List.of()));
                        continue;
                    }
                    for (Issue issue : issues) {
                        diagnostics.add(toDiagnostic(xr, issue));
                    }
                }
            }
        }
        diagnostics.sort(CopperDiagnostic.ORDER);
    }

    private CopperDiagnostic toDiagnostic(XtextResource resource, Issue issue) {
        String text = resource.getParseResult() == null ? "" : resource.getParseResult().getRootNode().getText();
        int offset = issue.getOffset() == null ? 0 : Math.min(issue.getOffset(), text.length());
        LineStarts lines = lineStarts.get(resource);
        if (lines == null || !lines.isFor(text)) {
            lines = LineStarts.of(text);
            lineStarts.put(resource, lines);
        }
        TextPosition at = lines.position(offset);
        CopperDiagnostic.Severity severity = switch (issue.getSeverity()) {
            case ERROR -> CopperDiagnostic.Severity.ERROR;
            case WARNING -> CopperDiagnostic.Severity.WARNING;
            default -> CopperDiagnostic.Severity.INFO;
        };
        List<String> data = issue.getData() == null ? List.of() : List.of(issue.getData());
        int length = issue.getLength() == null ? 0 : issue.getLength();
        return new CopperDiagnostic(displayPath(resource.getURI()), at.line(), at.column(), offset, length, severity,
                issue.getMessage(), issue.getCode(), data);
    }

    /** Relative to the working directory when the file is below it, as a user typed it. */
    public static String displayPath(URI uri) {
        if (!uri.isFile()) {
            return uri.toString();
        }
        Path file = Path.of(uri.toFileString());
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }

    /**
     * Adds the warnings that need a service graph: unknown service names (with the closest known
     * name), patterns that match no call of the graph, and conflicting policies that match a common
     * call. They are the validators' expensive checks ({@code GraphValidator}), run now with this graph on the files
     * without errors; policies in files with errors take no part.
     */
    public void checkAgainst(ServiceGraph graph) {
        Set<String> broken = new HashSet<>();
        diagnostics.stream().filter(d -> d.severity() == CopperDiagnostic.Severity.ERROR).forEach(d -> broken.add(d.path()));
        List<Resource> clean = userResources.stream().filter(r -> !broken.contains(displayPath(r.getURI()))).toList();
        GivenGraph.set(resourceSet, graph, clean);
        for (Resource r : clean) {
            if (r instanceof XtextResource xr) {
                for (Issue issue : xr.getResourceServiceProvider().getResourceValidator().validate(xr, CheckMode.EXPENSIVE_ONLY,
                        CancelIndicator.NullImpl)) {
                    diagnostics.add(toDiagnostic(xr, issue));
                }
            }
        }
        diagnostics.sort(CopperDiagnostic.ORDER);
    }

    /** How many .cup and .cui files were loaded from the given paths (imports not counted). */
    public int fileCount() {
        return userResources.size();
    }

    public List<CopperDiagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == CopperDiagnostic.Severity.ERROR);
    }

    /** Every policy of the loaded files, with where it is and whether it is free or pinned. */
    public List<LoadedPolicy> policies() {
        List<LoadedPolicy> result = new ArrayList<>();
        for (Resource r : userResources) {
            result.addAll(policiesOf(r));
        }
        return result;
    }

    /** The policies of one resource (none unless it is a policy file), with where they are and whether free or pinned. */
    public static List<LoadedPolicy> policiesOf(Resource r) {
        List<LoadedPolicy> result = new ArrayList<>();
        if (!r.getContents().isEmpty() && r.getContents().get(0) instanceof PolicyFile file) {
            // line starts once per file, not a scan per policy
            LineStarts lines = LineStarts.of(((XtextResource) r).getParseResult().getRootNode().getText());
            for (Policy p : file.getPolicies()) {
                var node = org.eclipse.xtext.nodemodel.util.NodeModelUtils.findNodesForFeature(p,
                        org.copper.lang.policy.PolicyPackage.Literals.POLICY__NAME);
                int line = node.isEmpty() ? 1 : node.get(0).getStartLine();
                int column = node.isEmpty() ? 1 : lines.position(node.get(0).getOffset()).column();
                result.add(new LoadedPolicy(p, displayPath(r.getURI()), line, column, PolicyClassifier.classify(p)));
            }
        }
        return result;
    }

    /** The policies in Wire's IR. Only meaningful when {@link #hasErrors()} is false. */
    public List<org.wire.model.Policy> lowerPolicies() {
        if (hasErrors()) {
            throw new IllegalStateException("cannot lower policies with errors");
        }
        return policies().stream().map(p -> PolicyLowering.lower(p.policy(), p.path())).toList();
    }

    /** A policy as loaded, with its position and classification. */
    public record LoadedPolicy(Policy policy, String path, int line, int column, PolicyKind kind) {}

    /** The capabilities of a shipped dataplane ({@code istio}, {@code cilium}, {@code haproxy}), from its built-in interface. */
    public static DataplaneInterface builtinDataplane(String name) {
        URI uri = ImportResolver.builtin(name + ".cui");
        if (uri == null || name.equals("common")) {
            throw new IllegalArgumentException("unknown dataplane '" + name + "'; shipped dataplanes: istio, cilium, haproxy");
        }
        XtextResourceSet set = injector().getInstance(XtextResourceSet.class);
        Resource r = set.getResource(uri, true);
        return InterfaceLowering.lower(name, (InterfaceFile) r.getContents().get(0));
    }
}
