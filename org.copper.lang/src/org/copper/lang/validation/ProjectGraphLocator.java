package org.copper.lang.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.copper.lang.scoping.ImportResolver;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.URIConverter;
import org.wire.model.graph.GraphJsonReader;
import org.wire.model.graph.ServiceGraph;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.inject.Singleton;

/**
 * The service graph of the project a resource belongs to: from the nearest folder (the resource's own, then its
 * ancestors) with a {@code copper.json} whose {@code graph} field names an existing file, or with a {@code graph.json}.
 * Everything is asked of the resource set's {@link URIConverter}, so the editor's URIs work as files do. A graph is
 * parsed once per file and again only when its time stamp or length changes; an unreadable graph counts as none.
 */
@Singleton
public class ProjectGraphLocator {
    /** A project's graph and the file it came from. */
    public record ProjectGraph(URI file, ServiceGraph graph) {}

    private record Cached(Object stamp, ServiceGraph graph) {}

    private static final Map<String, Set<String>> STAMP_OPTIONS = Map.of(URIConverter.OPTION_REQUESTED_ATTRIBUTES,
            Set.of(URIConverter.ATTRIBUTE_TIME_STAMP, URIConverter.ATTRIBUTE_LENGTH));

    private final Map<URI, Cached> cache = new ConcurrentHashMap<>();

    /** The graph of the resource's project, or null when it has none (or it cannot be read). */
    public ProjectGraph locate(Resource resource) {
        return locate(resource.getURI(), resource.getResourceSet() != null ? resource.getResourceSet().getURIConverter() : URIConverter.INSTANCE);
    }

    /** The graph of the project the file {@code uri} belongs to, asking {@code converter}; or null. */
    public ProjectGraph locate(URI uri, URIConverter converter) {
        if (uri == null || !uri.isHierarchical() || uri.isRelative() || uri.segmentCount() == 0 || ImportResolver.isBuiltin(uri)) {
            return null;
        }
        URI file = graphFile(converter, uri.trimSegments(1));
        if (file == null) {
            return null;
        }
        ServiceGraph graph = read(converter, file);
        return graph == null ? null : new ProjectGraph(file, graph);
    }

    /** The graph file that applies to resources in {@code dir}, or null. */
    public static URI graphFile(URIConverter converter, URI dir) {
        for (URI d = dir;; d = d.trimSegments(1)) {
            URI project = d.appendSegment("copper.json");
            if (exists(converter, project)) {
                URI named = graphField(converter, project);
                if (named != null) {
                    return named;
                }
            }
            URI beside = d.appendSegment("graph.json");
            if (exists(converter, beside)) {
                return beside;
            }
            if (d.segmentCount() == 0) {
                return null;
            }
        }
    }

    private ServiceGraph read(URIConverter converter, URI file) {
        Object stamp;
        try {
            Map<String, ?> attributes = converter.getAttributes(file, STAMP_OPTIONS);
            stamp = List.of(String.valueOf(attributes.get(URIConverter.ATTRIBUTE_TIME_STAMP)),
                    String.valueOf(attributes.get(URIConverter.ATTRIBUTE_LENGTH)));
        } catch (RuntimeException e) {
            return null;
        }
        Cached cached = cache.get(file);
        if (cached != null && cached.stamp().equals(stamp)) {
            return cached.graph();
        }
        ServiceGraph graph;
        try (InputStream in = converter.createInputStream(file, null);
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            graph = GraphJsonReader.parse(file.toString(), graphName(file), reader);
        } catch (IOException | org.wire.model.graph.WireInputException | RuntimeException e) {
            graph = null; // an unreadable or invalid graph: as if there were none (the build reports it)
        }
        cache.put(file, new Cached(stamp, graph));
        return graph;
    }

    /** As {@link GraphJsonReader#read}: the file's name without {@code .json}, the folder's name for {@code graph.json}. */
    private static String graphName(URI file) {
        String name = URI.decode(file.lastSegment()).replaceFirst("\\.json$", "");
        if (name.equals("graph") && file.segmentCount() >= 2) {
            name = URI.decode(file.segment(file.segmentCount() - 2));
        }
        return name;
    }

    private static URI graphField(URIConverter converter, URI projectFile) {
        try (InputStream in = converter.createInputStream(projectFile, null);
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(reader);
            if (root instanceof JsonObject o && o.get("graph") != null && o.get("graph").isJsonPrimitive()) {
                URI named = URI.createURI(o.get("graph").getAsString()).resolve(projectFile);
                return exists(converter, named) ? named : null;
            }
        } catch (IOException | RuntimeException e) {
            // a broken project file: as if it named no graph
        }
        return null;
    }

    private static boolean exists(URIConverter converter, URI uri) {
        try {
            return converter.exists(uri, null);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
