package org.wire.placement.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.wire.model.graph.ServiceGraph;

/**
 * Graphs shaped like the service dependency graphs of the Alibaba microservice traces (cluster-trace-microservices
 * v2021/v2022), generated from their published statistical shape because the traces themselves (hundreds of GB)
 * are not available offline. What the analyses report, and how it is reproduced here:
 * <ul>
 * <li>call graphs grow like trees from a front end (Luo et al., SoCC 2021; TPDS 2022): one entry service; every
 *     stateless service is called by one parent, chosen with probability proportional to (calls it already makes
 *     + 1)^1.5, so fan-out is heavy-tailed and a few hubs call dozens of services;</li>
 * <li>many stateful back ends: a third of the services are databases or caches (the traces' {@code db}/{@code mc}
 *     calls), each called by its owner plus, for a popular few, many more callers (Zipf popularity);</li>
 * <li>hot spots: besides the tree, about 0.6 extra calls per service go to already-popular stateless services
 *     (preferential by in-degree), so in-degree is heavy-tailed too;</li>
 * <li>about 40 % of services are leaves (Winchester et al. 2025 count 39 % leaves, 13 % entries, 48 % middle
 *     over the whole deployment; one graph here has one entry);</li>
 * <li>rare cycles: 2 % of the extra calls go back to an earlier stateless service (never the entry).</li>
 * </ul>
 * The parameters are ours, chosen to match those shapes, not fitted to the trace.
 */
public final class AlibabaLikeGraphs {
    private AlibabaLikeGraphs() {}

    public static ServiceGraph generate(String name, long seed, int services) {
        Random rnd = new Random(seed);
        List<String> names = new ArrayList<>();
        List<Integer> apps = new ArrayList<>(), dbs = new ArrayList<>();
        List<String> dbNames = new ArrayList<>();
        Set<List<String>> edges = new LinkedHashSet<>();
        int[] out = new int[services], in = new int[services];
        names.add("entry");
        apps.add(0);
        for (int i = 1; i < services; i++) {
            boolean db = i >= 3 && rnd.nextInt(3) == 0;
            String n = (db ? "db" : "svc") + i;
            names.add(n);
            int caller = apps.get(weighted(rnd, apps, out, 1.5));
            add(edges, names, caller, i, out, in);
            if (db) {
                dbs.add(i);
                dbNames.add(n);
            } else {
                apps.add(i);
            }
        }
        int extra = (int) Math.round(services * 0.6);
        for (int k = 0; k < extra; k++) {
            int caller = apps.get(rnd.nextInt(apps.size()));
            double r = rnd.nextDouble();
            if (r < 0.02 && apps.size() > 2) {
                int back = apps.get(1 + rnd.nextInt(apps.size() - 1));
                if (back < caller) {
                    add(edges, names, caller, back, out, in);
                }
            } else if (r < 0.5 && !dbs.isEmpty()) {
                add(edges, names, caller, dbs.get(zipf(rnd, dbs.size())), out, in);
            } else {
                int callee = apps.get(weighted(rnd, apps, in, 1.0));
                if (callee > caller) {
                    add(edges, names, caller, callee, out, in);
                }
            }
        }
        return ServiceGraph.of(name, names, edges, dbNames);
    }

    private static void add(Set<List<String>> edges, List<String> names, int from, int to, int[] out, int[] in) {
        if (from != to && edges.add(List.of(names.get(from), names.get(to)))) {
            out[from]++;
            in[to]++;
        }
    }

    /** An index into {@code items} drawn with probability proportional to (degree + 1)^power. */
    private static int weighted(Random rnd, List<Integer> items, int[] degree, double power) {
        double total = 0;
        for (int i : items) {
            total += Math.pow(degree[i] + 1, power);
        }
        double x = rnd.nextDouble() * total;
        for (int k = 0; k < items.size(); k++) {
            x -= Math.pow(degree[items.get(k)] + 1, power);
            if (x <= 0) {
                return k;
            }
        }
        return items.size() - 1;
    }

    /** Zipf(1) over [0, n): a few databases take most of the shared calls. */
    private static int zipf(Random rnd, int n) {
        double h = 0;
        for (int k = 1; k <= n; k++) {
            h += 1.0 / k;
        }
        double x = rnd.nextDouble() * h;
        for (int k = 1; k <= n; k++) {
            x -= 1.0 / k;
            if (x <= 0) {
                return k - 1;
            }
        }
        return n - 1;
    }
}
