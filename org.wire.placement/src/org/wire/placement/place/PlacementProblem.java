package org.wire.placement.place;

import java.util.ArrayList;
import java.util.List;

import org.wire.model.graph.ServiceGraph;
import org.wire.model.Dataplane;
import org.wire.model.SidecarCost;

/**
 * The placement constraints of spec §5.3 with the p[π][s] variables eliminated: p only occurs in
 * "p → ∨_{t∈T_π} q[t][s]" and positively in coverage clauses, so it can be replaced by
 * "s has a sidecar in T_π". What remains, per service s: the dataplanes it may take
 * ({@link #allowed}, a bit mask) and whether it must take one ({@link #required}); coverage
 * pairs "u in K or w in K" (free policies, edge encoding) and groups "all of S in K or all of D
 * in K" (paper encoding). Mutated in place by {@link Preprocessor}.
 */
public final class PlacementProblem {
    /** Coverage of one CO edge by a free policy: u or w hosts a sidecar from {@code mask}. */
    public record Pair(int u, int w, long mask, int policy) {}

    /** The paper's form for one free policy: all of S or all of D host a sidecar from {@code mask}. */
    public record Group(int[] sources, int[] destinations, long mask, int policy) {}

    final ServiceGraph graph;
    final List<Dataplane> dataplanes; // sorted by name; bit t of a mask = dataplanes.get(t)
    final List<PolicyMatch> policies; // sorted by name
    final long[] allowed;
    final boolean[] required;
    /** Why a service is required / restricted: the first policy that forced it, -1 for the user, -2 for none. */
    final int[] forcedBy;
    final List<Pair> pairs = new ArrayList<>();
    final List<Group> groups = new ArrayList<>();
    final boolean[] userForbidden;
    /** What a sidecar of dataplane t costs at service s: costs[s][t] ({@link SidecarCost}). */
    private final long[][] costs;

    PlacementProblem(ServiceGraph graph, List<Dataplane> dataplanes, List<PolicyMatch> policies) {
        this.graph = graph;
        this.dataplanes = dataplanes;
        this.policies = policies;
        int n = graph.size();
        this.allowed = new long[n];
        this.required = new boolean[n];
        this.forcedBy = new int[n];
        this.userForbidden = new boolean[n];
        java.util.Arrays.fill(forcedBy, -2);
        this.costs = costTable(graph, dataplanes);
    }

    /** costs[s][t]: a sidecar of dataplane t at service s. Throws IllegalArgumentException above {@link SidecarCost#MAX}. */
    static long[][] costTable(ServiceGraph graph, List<Dataplane> dataplanes) {
        long[][] out = new long[graph.size()][dataplanes.size()];
        for (int s = 0; s < out.length; s++) {
            for (int t = 0; t < dataplanes.size(); t++) {
                out[s][t] = SidecarCost.of(dataplanes.get(t), graph, s).total();
            }
        }
        return out;
    }

    /** What a sidecar of dataplane t costs at service s. */
    long cost(int t, int s) {
        return costs[s][t];
    }

    /** The cheapest dataplane in {@code mask} at service s (lowest index on a tie), or -1 when the mask is empty. */
    int cheapest(int s, long mask) {
        int best = -1;
        for (int t = 0; t < dataplanes.size(); t++) {
            if ((mask & (1L << t)) != 0 && (best < 0 || costs[s][t] < costs[s][best])) {
                best = t;
            }
        }
        return best;
    }

    /** What s's cheapest still-allowed option costs (s must have one). */
    long cheapestAllowedCost(int s) {
        return costs[s][cheapest(s, allowed[s])];
    }

    /** Service s's costs per dataplane (shared: not to be modified). */
    long[] costsAt(int s) {
        return costs[s];
    }

    String dataplaneNames(long mask) {
        List<String> names = new ArrayList<>();
        for (int t = 0; t < dataplanes.size(); t++) {
            if ((mask & (1L << t)) != 0) {
                names.add(dataplanes.get(t).name());
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
