package org.wire.placement.place;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.placement.PlacementResult;
import org.wire.placement.match.SharedMatchSets;

/**
 * Re-placement after policy edits, for the language server's on-save path: one instance per (graph, dataplanes,
 * options); each {@link #place} call takes the whole current policy list. Match sets — the dominant cost — are
 * kept per policy and recomputed only for policies that were added or whose pattern changed; the reductions and
 * the exact solve then run on the whole problem, so the result equals {@code Wire.place} on the same inputs.
 * Not thread-safe.
 */
public final class IncrementalPlacer {
    private final ServiceGraph graph;
    private final List<Dataplane> dataplanes;
    private final PlacementOptions options;
    private final SharedMatchSets matchSets; // keeps the shared prefix searches across edits
    private final Map<String, PolicyMatch> byName = new HashMap<>();
    private int recomputed;

    public IncrementalPlacer(ServiceGraph graph, List<Dataplane> dataplanes, PlacementOptions options) {
        this.graph = graph;
        this.dataplanes = PlacementEncoder.sortDataplanes(dataplanes);
        this.options = options;
        this.matchSets = new SharedMatchSets(graph, options.entryOriginsOnly());
    }

    /** The placement for the current policies; same contract and exceptions as {@code Wire.place}. */
    public PlacementResult place(List<Policy> policies) throws PlacementException {
        long t0 = System.nanoTime();
        List<Policy> sorted = new ArrayList<>(policies);
        sorted.sort(Comparator.comparing(Policy::name));
        Set<String> names = new HashSet<>();
        List<PolicyMatch> matched = new ArrayList<>();
        recomputed = 0;
        for (Policy p : sorted) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("duplicate policy name '" + p.name() + "'");
            }
            PolicyMatch old = byName.get(p.name());
            PolicyMatch m;
            if (old != null && old.policy().pattern().text().equals(p.pattern().text())) {
                // same pattern: the match set stands; the body may have changed, so the host mask is recomputed
                m = new PolicyMatch(p, old.matches(), hostMask(p));
            } else {
                m = PlacementEncoder.match(matchSets, p, dataplanes);
                recomputed++;
            }
            matched.add(m);
        }
        byName.clear();
        for (PolicyMatch m : matched) {
            byName.put(m.name(), m);
        }
        return PlacementSolver.placeMatched(graph, dataplanes, matched, options, t0);
    }

    /** How many match sets the last {@link #place} computed afresh (the rest were reused). */
    public int recomputedMatchSets() {
        return recomputed;
    }

    private long hostMask(Policy p) {
        long mask = 0;
        for (int t = 0; t < dataplanes.size(); t++) {
            if (dataplanes.get(t).iface().supportsAll(p)) {
                mask |= 1L << t;
            }
        }
        return mask;
    }
}
