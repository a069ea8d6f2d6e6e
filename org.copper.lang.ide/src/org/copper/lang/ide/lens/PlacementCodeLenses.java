package org.copper.lang.ide.lens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.copper.lang.ide.contentassist.ProjectGraphs;
import org.copper.lang.policy.Policy;
import org.copper.lang.policy.PolicyFile;
import org.copper.lang.policy.PolicyPackage;
import org.copper.lang.validation.ProjectGraphLocator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.URIConverter;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.codelens.ICodeLensService;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.inject.Singleton;

/**
 * Code lenses with Wire's placement: above each policy where it runs ("egress at frontend · pinned"),
 * and above the first policy the project's sidecars and cost. The placement is computed from the files
 * on disk and kept until one of them changes, so lenses follow saves and typing never re-places.
 */
@Singleton
public class PlacementCodeLenses implements ICodeLensService {
    /** What a placement was computed from: every policy, interface and project file's path, size and time. */
    private record Cached(String fingerprint, ProjectPlacement placement) {}

    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();
    private final PlacementLensSource source = loadSource();

    private static PlacementLensSource loadSource() {
        Iterator<PlacementLensSource> found = ServiceLoader.load(PlacementLensSource.class, PlacementCodeLenses.class.getClassLoader()).iterator();
        return found.hasNext() ? found.next() : null;
    }

    @Override
    public List<? extends CodeLens> computeCodeLenses(Document document, XtextResource resource, CodeLensParams params, CancelIndicator cancel) {
        if (source == null || !resource.getURI().isFile() || resource.getContents().isEmpty()
                || !(resource.getContents().get(0) instanceof PolicyFile file) || file.getPolicies().isEmpty()) {
            return List.of();
        }
        Path projectDir = ProjectGraphs.findProjectDir(Path.of(resource.getURI().toFileString()).toAbsolutePath().getParent());
        if (projectDir == null) {
            return List.of();
        }
        ProjectPlacement placement = placementOf(projectDir);
        List<CodeLens> lenses = new ArrayList<>();
        for (Policy policy : file.getPolicies()) {
            List<INode> names = NodeModelUtils.findNodesForFeature(policy, PolicyPackage.Literals.POLICY__NAME);
            if (names.isEmpty()) {
                continue;
            }
            Position at = document.getPosition(names.get(0).getOffset());
            Range range = new Range(new Position(at.getLine(), 0), new Position(at.getLine(), 0));
            if (lenses.isEmpty()) {
                lenses.add(new CodeLens(range, new Command(placement.summary(), ""), null));
            }
            String line = placement.policies().get(policy.getName());
            if (line != null) {
                lenses.add(new CodeLens(range, new Command(line, ""), null));
            }
        }
        return lenses;
    }

    private ProjectPlacement placementOf(Path projectDir) {
        String fingerprint = fingerprint(projectDir);
        Cached cached = cache.get(projectDir);
        if (cached != null && cached.fingerprint().equals(fingerprint)) {
            return cached.placement();
        }
        ProjectPlacement placement = source.placementOf(projectDir, Files.isRegularFile(projectDir.resolve("copper.json")));
        cache.put(projectDir, new Cached(fingerprint, placement));
        return placement;
    }

    private static String fingerprint(Path projectDir) {
        StringBuilder b = new StringBuilder();
        // the graph file the validator's graph checks read (copper.json's graph field, else graph.json)
        URI graphUri = ProjectGraphLocator.graphFile(URIConverter.INSTANCE, URI.createFileURI(projectDir.toAbsolutePath().toString()));
        Path graph = graphUri == null ? null : Path.of(graphUri.toFileString());
        try (Stream<Path> files = Files.walk(projectDir)) {
            Stream.concat(files.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".cup") || n.endsWith(".cui") || n.equals("copper.json");
            }), graph == null ? Stream.empty() : Stream.of(graph)).sorted().forEach(p -> {
                try {
                    b.append(p).append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis()).append('\n');
                } catch (IOException e) {
                    b.append(p).append(" unreadable\n");
                }
            });
        } catch (IOException | RuntimeException e) {
            b.append("unreadable ").append(e.getMessage());
        }
        return b.toString();
    }
}
