package org.wire.placement.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.wire.model.graph.ServiceGraph;

/**
 * Seeded generator of production-like service graphs in the spirit of the Alibaba traces the paper used:
 * one to three entry services, hub-heavy fan-out (callers chosen by preferential attachment on their
 * out-degree, callees by preferential attachment on their in-degree), about 15% database leaves, and a
 * few back edges that close cycles.
 */
public final class ProductionLikeGraphs {
    private ProductionLikeGraphs() {}

    public static ServiceGraph generate(String name, long seed, int services, int edges) {
        Random rnd = new Random(seed);
        int entries = Math.min(1 + rnd.nextInt(3), Math.max(1, services / 20));
        int dbs = Math.max(1, services * 15 / 100);
        int internal = services - dbs;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            names.add(i < entries ? "entry" + i : i < internal ? "svc" + i : "db" + i);
        }
        Set<List<String>> edgeSet = new LinkedHashSet<>();
        List<Integer> out = new ArrayList<>();
        List<Integer> in = new ArrayList<>();
        // a spanning structure: every non-entry service has a caller among the earlier services
        for (int i = entries; i < services; i++) {
            int limit = Math.min(i, internal);
            int caller = pick(rnd, out, 0, limit);
            add(edgeSet, names, out, in, caller, i);
        }
        int guard = 0;
        while (edgeSet.size() < edges && guard++ < edges * 50) {
            int caller = pick(rnd, out, 0, internal);
            int callee;
            if (rnd.nextInt(100) < 4 && caller > entries) {
                callee = entries + rnd.nextInt(caller - entries); // back edge: a cycle
            } else if (rnd.nextInt(100) < 25) {
                callee = internal + rnd.nextInt(dbs); // a database
            } else {
                if (caller + 1 >= internal) {
                    continue;
                }
                callee = pick(rnd, in, caller + 1, internal);
            }
            if (callee != caller && callee >= entries) {
                add(edgeSet, names, out, in, caller, callee);
            }
        }
        return ServiceGraph.of(name, names, edgeSet, names.subList(internal, services));
    }

    private static void add(Set<List<String>> edgeSet, List<String> names, List<Integer> out, List<Integer> in, int u, int w) {
        if (edgeSet.add(List.of(names.get(u), names.get(w)))) {
            out.add(u);
            in.add(w);
        }
    }

    /**
     * Index in [from, to), preferring high degree: with probability 3/4 a random endpoint of an earlier edge
     * (linear preferential attachment) when one falls in range, else uniform.
     */
    private static int pick(Random rnd, List<Integer> endpoints, int from, int to) {
        if (!endpoints.isEmpty() && rnd.nextInt(4) > 0) {
            for (int tries = 0; tries < 8; tries++) {
                int c = endpoints.get(rnd.nextInt(endpoints.size()));
                if (c >= from && c < to) {
                    return c;
                }
            }
        }
        return from + rnd.nextInt(to - from);
    }
}
