package org.copper.lang.ide.contentassist;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.emf.common.util.URI;
import org.wire.model.graph.GraphJsonReader;
import org.wire.model.graph.ServiceGraph;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.inject.Singleton;

/**
 * The service graph of the project a file belongs to: from the nearest folder (the file's own,
 * then its ancestors) that has a {@code copper.json} project file with a {@code graph} field or a
 * {@code graph.json}. Read again when the file changes; an unreadable graph counts as none.
 */
@Singleton
public class ProjectGraphs {
    private record Cached(Path file, FileTime modified, ServiceGraph graph) {}

    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    /** The service names of the file's project graph, or an empty list. */
    public List<String> services(URI fileUri) {
        ServiceGraph graph = graphFor(fileUri);
        return graph == null ? List.of() : graph.services();
    }

    public ServiceGraph graphFor(URI fileUri) {
        if (fileUri == null || !fileUri.isFile()) {
            return null;
        }
        Path graphFile = findGraphFile(Path.of(fileUri.toFileString()).toAbsolutePath().getParent());
        if (graphFile == null) {
            return null;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(graphFile);
            Cached cached = cache.get(graphFile);
            if (cached != null && cached.modified().equals(modified)) {
                return cached.graph();
            }
            ServiceGraph graph = GraphJsonReader.read(graphFile);
            cache.put(graphFile, new Cached(graphFile, modified, graph));
            return graph;
        } catch (IOException | org.wire.model.graph.WireInputException | RuntimeException e) {
            return null;
        }
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
