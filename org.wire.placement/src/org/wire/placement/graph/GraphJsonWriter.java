package org.wire.placement.graph;

import java.util.List;
import java.util.StringJoiner;

import org.wire.placement.output.Json;

/** Writes a graph in the spec §8 JSON form, one edge per line, deterministic. */
public final class GraphJsonWriter {
    private GraphJsonWriter() {}

    public static String toJson(ServiceGraph g) {
        StringBuilder b = new StringBuilder("{\n  \"services\": [");
        StringJoiner s = new StringJoiner(", ");
        g.services().forEach(x -> s.add(Json.quote(x)));
        b.append(s).append("],\n  \"edges\": [");
        List<int[]> edges = g.edges();
        for (int i = 0; i < edges.size(); i++) {
            b.append(i == 0 ? "\n    [" : ",\n    [").append(Json.quote(g.service(edges.get(i)[0]))).append(", ")
                    .append(Json.quote(g.service(edges.get(i)[1]))).append(']');
        }
        b.append(edges.isEmpty() ? "],\n" : "\n  ],\n").append("  \"databases\": [");
        StringJoiner d = new StringJoiner(", ");
        g.databases().forEach(x -> d.add(Json.quote(x)));
        return b.append(d).append("]\n}\n").toString();
    }
}
