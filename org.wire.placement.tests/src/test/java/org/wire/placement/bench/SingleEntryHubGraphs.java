package org.wire.placement.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.wire.model.graph.ServiceGraph;

/**
 * The family issue 11 reported Wire failing on: one entry service; each further service is called by a parent
 * picked by preferential attachment (Pareto 1.2 over earlier services) 60 % of the time and uniformly otherwise;
 * about one service in six is a database called by one random service; extra edges up to 1.5-2.7 times the
 * service count, of which 3 % are back edges (never into the entry), 30 % go to databases, the rest forward.
 */
public final class SingleEntryHubGraphs {
    private SingleEntryHubGraphs() {}

    public static ServiceGraph generate(String name, long seed, int services) {
        Random rnd = new Random(seed);
        List<String> names = new ArrayList<>();
        List<Integer> dbs = new ArrayList<>(), apps = new ArrayList<>();
        List<String> dbNames = new ArrayList<>();
        Set<List<String>> edges = new LinkedHashSet<>();
        names.add("entry");
        apps.add(0);
        for (int i = 1; i < services; i++) {
            boolean db = i >= 2 && rnd.nextInt(6) == 0;
            String n = (db ? "db" : "svc") + i;
            names.add(n);
            if (db) {
                dbs.add(i);
                dbNames.add(n);
                int caller = apps.get(rnd.nextInt(apps.size()));
                edges.add(List.of(names.get(caller), n));
            } else {
                int caller = rnd.nextDouble() < 0.6 ? apps.get(pareto(rnd, apps.size())) : apps.get(rnd.nextInt(apps.size()));
                edges.add(List.of(names.get(caller), n));
                apps.add(i);
            }
        }
        double ratio = 1.5 + 1.2 * rnd.nextDouble();
        int target = (int) Math.round(services * ratio);
        for (int guard = 0; edges.size() < target && guard < target * 50; guard++) {
            double r = rnd.nextDouble();
            if (r < 0.03 && apps.size() > 2) { // back edge: a later app calls an earlier one (never the entry)
                int a = 1 + rnd.nextInt(apps.size() - 1), b = 1 + rnd.nextInt(apps.size() - 1);
                if (a != b) {
                    edges.add(List.of(names.get(apps.get(Math.max(a, b))), names.get(apps.get(Math.min(a, b)))));
                }
            } else if (r < 0.33 && !dbs.isEmpty()) {
                int caller = apps.get(pareto(rnd, apps.size()));
                edges.add(List.of(names.get(caller), names.get(dbs.get(rnd.nextInt(dbs.size())))));
            } else if (apps.size() > 1) {
                int a = rnd.nextInt(apps.size()), b = rnd.nextInt(apps.size());
                if (a != b) {
                    int from = Math.min(a, b) == a ? a : b;
                    from = rnd.nextDouble() < 0.6 ? Math.min(pareto(rnd, apps.size()), Math.max(a, b) - 1) : Math.min(a, b);
                    edges.add(List.of(names.get(apps.get(from)), names.get(apps.get(Math.max(a, b)))));
                }
            }
        }
        return ServiceGraph.of(name, names, edges, dbNames);
    }

    /** An index in [0, n) drawn from a Pareto(1.2) tail, so early services are picked far more often. */
    private static int pareto(Random rnd, int n) {
        double x = Math.pow(1 - rnd.nextDouble(), -1 / 1.2) - 1; // >= 0, heavy tail
        int i = (int) Math.floor(x);
        return Math.min(i, n - 1);
    }
}
