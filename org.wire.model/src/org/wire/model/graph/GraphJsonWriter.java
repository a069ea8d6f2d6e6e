package org.wire.model.graph;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.wire.model.io.JsonText;

/** Writes a graph in the spec §8 JSON form, deterministic (services and edges in the graph's order). */
public final class GraphJsonWriter {
    private GraphJsonWriter() {}

    public static String toJson(ServiceGraph g) {
        JsonObject root = new JsonObject();
        JsonArray services = new JsonArray();
        g.services().forEach(services::add);
        root.add("services", services);
        JsonArray edges = new JsonArray();
        for (int[] e : g.edges()) {
            JsonArray pair = new JsonArray();
            pair.add(g.service(e[0]));
            pair.add(g.service(e[1]));
            edges.add(pair);
        }
        root.add("edges", edges);
        JsonArray databases = new JsonArray();
        g.databases().forEach(databases::add);
        root.add("databases", databases);
        if (!g.loads().isEmpty()) {
            JsonObject load = new JsonObject();
            g.loads().forEach(load::addProperty);
            root.add("load", load);
        }
        return JsonText.of(root);
    }
}
