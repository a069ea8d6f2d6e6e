package org.copper.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.copper.build.BuildException;
import org.copper.build.BuildPipeline;
import org.copper.build.PolicyErrorsException;
import org.copper.build.ProjectFile;
import org.copper.build.RePlacement;
import org.copper.lang.ide.lens.PlacementLensSource;
import org.copper.lang.ide.lens.ProjectPlacement;
import org.wire.model.placement.PlacementResult;
import org.wire.model.placement.PlacementResult.PolicyPlacement;

/**
 * The language server's placement lenses from the build pipeline's own placement step
 * ({@link BuildPipeline#place}, incremental per project through {@link RePlacement}), registered for {@link java.util.ServiceLoader} in META-INF/services.
 */
public final class PipelinePlacementLenses implements PlacementLensSource {
    /** One incremental placer per project folder: a save re-matches only the policies it changed. */
    private final Map<Path, RePlacement> placers = new ConcurrentHashMap<>();

    @Override
    public ProjectPlacement placementOf(Path projectDir, boolean hasProjectFile) {
        PlacementResult placement;
        try {
            // without a project file, a graph.json beside the policies with every other field at its default
            ProjectFile project = ProjectFile.read(projectDir.resolve(ProjectFile.FILE_NAME), hasProjectFile ? null : projectDir.resolve("graph.json"));
            placement = BuildPipeline.place(project, projectDir, null, placers.computeIfAbsent(projectDir, d -> new RePlacement())).placement();
        } catch (PolicyErrorsException e) {
            return new ProjectPlacement("Wire: no placement while the project has errors (" + e.diagnostics().size() + ")", Map.of());
        } catch (BuildException e) {
            return new ProjectPlacement("Wire: no placement: " + e.getMessage(), Map.of());
        }
        TreeMap<String, String> policies = new TreeMap<>();
        for (PolicyPlacement p : placement.policies()) {
            policies.put(p.name(), line(p));
        }
        return new ProjectPlacement(summary(placement), policies);
    }

    /** "Wire: 3 sidecars, cost 3 (haproxy at a, b, c)", and whether the cost is proven the least. */
    static String summary(PlacementResult placement) {
        TreeMap<String, SortedSet<String>> byDataplane = new TreeMap<>();
        placement.sidecars().forEach((service, dataplane) -> byDataplane.computeIfAbsent(dataplane, k -> new TreeSet<>()).add(service));
        List<String> where = new ArrayList<>();
        byDataplane.forEach((dataplane, services) -> where.add(dataplane + " at " + String.join(", ", services)));
        int n = placement.sidecarCount();
        return "Wire: " + n + (n == 1 ? " sidecar" : " sidecars") + ", cost " + placement.cost()
                + (where.isEmpty() ? "" : " (" + String.join("; ", where) + ")") + (placement.optimal() ? "" : " · not proven optimal");
    }

    /** "egress at frontend, checkoutservice · free" */
    static String line(PolicyPlacement p) {
        List<String> parts = new ArrayList<>();
        if (!p.egress().isEmpty()) {
            parts.add("egress at " + String.join(", ", p.egress()));
        }
        if (!p.ingress().isEmpty()) {
            parts.add("ingress at " + String.join(", ", p.ingress()));
        }
        String where = parts.isEmpty() ? "runs nowhere (matches no call)" : String.join("; ", parts);
        return where + " · " + (p.free() ? "free" : "pinned");
    }
}
