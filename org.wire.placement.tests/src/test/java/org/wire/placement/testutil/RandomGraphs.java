package org.wire.placement.testutil;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.wire.model.graph.ServiceGraph;

/** Small random graphs (with cycles and self-loops) for property tests. */
public final class RandomGraphs {
    private RandomGraphs() {}

    public static ServiceGraph graph(Random rnd, int n, double edgeProbability) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("s" + i);
        }
        List<List<String>> edges = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            for (int w = 0; w < n; w++) {
                if (rnd.nextDouble() < (u == w ? edgeProbability / 4 : edgeProbability)) {
                    edges.add(List.of(names.get(u), names.get(w)));
                }
            }
        }
        List<String> dbs = new ArrayList<>();
        for (String s : names) {
            if (rnd.nextInt(6) == 0) {
                dbs.add(s);
            }
        }
        return ServiceGraph.of("random", names, edges, dbs);
    }

    /** A random pattern text over the graph's names (plus an unknown one). */
    public static String pattern(Random rnd, int n, int depth) {
        int kind = depth <= 0 ? rnd.nextInt(3) : rnd.nextInt(7);
        return switch (kind) {
            case 0 -> rnd.nextInt(8) == 0 ? "zz" : "s" + rnd.nextInt(n);
            case 1 -> ".";
            case 2 -> "[s" + rnd.nextInt(n) + ", s" + rnd.nextInt(n) + "]";
            case 3, 4 -> pattern(rnd, n, depth - 1) + " " + pattern(rnd, n, depth - 1);
            case 5 -> "(" + pattern(rnd, n, depth - 1) + " | " + pattern(rnd, n, depth - 1) + ")";
            default -> "(" + pattern(rnd, n, depth - 1) + ")" + "*+?".charAt(rnd.nextInt(3));
        };
    }
}
