package org.copper.lang.ide.contentassist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.copper.lang.validation.ProjectGraphLocator;
import org.eclipse.emf.ecore.resource.Resource;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * The service graph of the project a file belongs to: from the nearest folder (the file's own,
 * then its ancestors) that has a {@code copper.json} project file with a {@code graph} field or a
 * {@code graph.json}. The graph itself comes from {@link ProjectGraphLocator}, which the validator's graph checks use;
 * the folder search on paths remains for the placement lenses, which build from files.
 */
@Singleton
public class ProjectGraphs {
    @Inject
    private ProjectGraphLocator locator;

    /** The service names of the resource's project graph (found through its resource set's URIConverter), or an empty list. */
    public List<String> services(Resource resource) {
        ProjectGraphLocator.ProjectGraph located = locator.locate(resource);
        return located == null ? List.of() : located.graph().services();
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
}
