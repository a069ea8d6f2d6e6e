package org.wire.placement.place;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Recognises a component that is a weighted vertex cover (no paper-encoding groups, every pair with one
 * dataplane mask K) and solves it with {@link VertexCoverSearch}. A service's weight is its cheapest option in K
 * (at that service: costs may follow load) minus what it pays outside K (its cheapest other option when it is required, else nothing).
 */
final class VertexCoverComponent {
    private VertexCoverComponent() {}

    /** The component's assignment, or null when it is not a plain vertex cover (SAT4J then solves it). */
    static ComponentSolver.Solution solve(PlacementProblem pb, Preprocessor.Component c, long deadlineNanos) {
        if (c.groups().length > 0 || c.pairs().length == 0) {
            return null;
        }
        long k = pb.pairs.get(c.pairs()[0]).mask();
        for (int p : c.pairs()) {
            if (pb.pairs.get(p).mask() != k) {
                return null;
            }
        }
        int[] svc = c.services();
        int n = svc.length;
        Map<Integer, Integer> pos = new HashMap<>();
        for (int i = 0; i < n; i++) {
            pos.put(svc[i], i);
        }
        int[] inOption = new int[n], outOption = new int[n];
        long[] weight = new long[n];
        byte[] forced = new byte[n];
        for (int i = 0; i < n; i++) {
            inOption[i] = pb.cheapest(svc[i], pb.allowed[svc[i]] & k);
            outOption[i] = pb.cheapest(svc[i], pb.allowed[svc[i]] & ~k);
            boolean canOut = !pb.required[svc[i]] || outOption[i] >= 0;
            if (!pb.required[svc[i]]) {
                outOption[i] = -1;
            }
            if (inOption[i] < 0 && !canOut) {
                return null; // unsatisfiable: SAT4J names the policies
            }
            long outCost = outOption[i] < 0 ? 0 : pb.cost(outOption[i], svc[i]);
            weight[i] = inOption[i] < 0 ? 0 : Math.max(0, pb.cost(inOption[i], svc[i]) - outCost);
            if (inOption[i] < 0) {
                forced[i] = VertexCoverSearch.out();
            } else if (!canOut || pb.cost(inOption[i], svc[i]) <= outCost) {
                forced[i] = VertexCoverSearch.in(); // in K costs no more than out of it, and covers more
            }
        }
        @SuppressWarnings("unchecked")
        Set<Integer>[] nb = new Set[n];
        for (int i = 0; i < n; i++) {
            nb[i] = new LinkedHashSet<>();
        }
        for (int p : c.pairs()) {
            int u = pos.get(pb.pairs.get(p).u()), w = pos.get(pb.pairs.get(p).w());
            if (u == w) {
                if (inOption[u] < 0) {
                    return null;
                }
                forced[u] = VertexCoverSearch.in();
            } else {
                nb[u].add(w);
                nb[w].add(u);
            }
        }
        int[][] adj = new int[n][];
        for (int i = 0; i < n; i++) {
            adj[i] = nb[i].stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        VertexCoverSearch.Cover cover = VertexCoverSearch.solve(weight, adj, forced, deadlineNanos);
        if (cover == null) {
            return null;
        }
        int[] assignment = new int[n];
        Arrays.fill(assignment, -1);
        for (int i = 0; i < n; i++) {
            assignment[i] = cover.in()[i] ? inOption[i] : outOption[i];
        }
        return new ComponentSolver.Solution(assignment, cover.optimal(), n, c.pairs().length);
    }
}
