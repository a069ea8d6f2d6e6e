package org.copper.lang.ide.contentassist;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.copper.lang.validation.ProjectGraphLocator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.URIConverter;
import org.wire.model.graph.ServiceGraph;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * The service graph of the project a file belongs to: from the nearest folder (the file's own,
 * then its ancestors) that has a {@code copper.json} project file with a {@code graph} field or a
 * {@code graph.json}. The graph itself comes from {@link ProjectGraphLocator}, which the validator's graph checks use;
 * the folder and file searches on paths remain for the placement lenses, which build from files.
 */
@Singleton
public class ProjectGraphs {
    @Inject
    private ProjectGraphLocator locator;

    /** The service names of the file's project graph, or an empty list. */
    public List<String> services(URI fileUri) {
        ServiceGraph graph = graphFor(fileUri);
        return graph == null ? List.of() : graph.services();
    }

    /** The service names of the resource's project graph (found through its resource set's URIConverter), or an empty list. */
    public List<String> services(Resource resource) {
        ProjectGraphLocator.ProjectGraph located = locator.locate(resource);
        return located == null ? List.of() : located.graph().services();
    }

    /** The graph the validator's graph checks use too ({@link ProjectGraphLocator}: one search, one cache). */
    public ServiceGraph graphFor(URI fileUri) {
        ProjectGraphLocator.ProjectGraph located = locator.locate(fileUri, URIConverter.INSTANCE);
        return located == null ? null : located.graph();
    }

    /** The nearest folder, {@code dir} or an ancestor, with a {@code copper.json} or a {@code graph.json}; or null. */
    public static Path findProjectDir(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("copper.json")) || Files.isRegularFile(d.resolve("graph.json"))) {
                return d;
            }
        }
        return null;
    }

    /** The graph file that applies to files in {@code dir}, or null. */
    public static Path findGraphFile(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            Path project = d.resolve("copper.json");
            if (Files.isRegularFile(project)) {
                Path fromProject = graphField(project);
                if (fromProject != null) {
                    return fromProject;
                }
            }
            Path beside = d.resolve("graph.json");
            if (Files.isRegularFile(beside)) {
                return beside;
            }
        }
        return null;
    }

    private static Path graphField(Path projectFile) {
        try (Reader r = Files.newBufferedReader(projectFile)) {
            JsonElement root = JsonParser.parseReader(r);
            if (root instanceof JsonObject o && o.get("graph") != null && o.get("graph").isJsonPrimitive()) {
                Path graph = projectFile.getParent().resolve(o.get("graph").getAsString());
                return Files.isRegularFile(graph) ? graph : null;
            }
        } catch (IOException | RuntimeException e) {
            // a broken project file: as if it named no graph
        }
        return null;
    }
}
