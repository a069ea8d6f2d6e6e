package org.wire.placement.place;

import org.wire.model.placement.PlacementResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.wire.model.graph.ServiceGraph;
import org.wire.placement.match.MatchSet;
import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.SidecarCost;

/** Encodes, preprocesses, solves each component with SAT4J, and assembles the {@link PlacementResult}. */
public final class PlacementSolver {
    private PlacementSolver() {}

    /** Test hook: false disables the preprocessing reductions (all but unit propagation). */
    public static void setReductionsEnabled(boolean enabled) {
        Preprocessor.reductions = enabled;
    }

    /** Benchmark hook: search nodes visited by the exact searches since the JVM started (all threads). */
    public static long searchNodes() {
        return SearchNodes.COUNT.sum();
    }

    public static PlacementResult place(ServiceGraph graph, List<Policy> policies, List<Dataplane> dataplanes, PlacementOptions options)
            throws PlacementException {
        long t0 = System.nanoTime();
        List<Dataplane> dps = PlacementEncoder.sortDataplanes(dataplanes);
        List<PolicyMatch> matched = PlacementEncoder.matchAll(graph, policies, dps, options.entryOriginsOnly());
        return placeMatched(graph, dps, matched, options, t0);
    }

    /** Solves with match sets already computed ({@code matched} sorted by name, {@code dps} sorted); t0 when matching began. */
    static PlacementResult placeMatched(ServiceGraph graph, List<Dataplane> dps, List<PolicyMatch> matched, PlacementOptions options, long t0)
            throws PlacementException {
        long t1 = System.nanoTime();
        PlacementProblem pb = PlacementEncoder.encode(graph, matched, dps, options);
        Preprocessor.Outcome pre = Preprocessor.run(pb);
        int[] assignment = new int[graph.size()];
        java.util.Arrays.fill(assignment, -1);
        for (int s = 0; s < graph.size(); s++) {
            if (pb.required[s]) {
                assignment[s] = pb.cheapest(s, pb.allowed[s]);
            }
        }
        boolean optimal = true;
        int variables = 0, constraints = 0, largest = 0;
        long deadline = t1 + options.timeoutMillis() * 1_000_000L;
        for (Preprocessor.Component c : pre.components()) {
            ComponentSolver.Solution sol = ComponentSolver.solve(pb, c, deadline);
            for (int i = 0; i < c.services().length; i++) {
                assignment[c.services()[i]] = sol.assignment()[i];
            }
            optimal &= sol.optimal();
            variables += sol.variables();
            constraints += sol.constraints();
            largest = Math.max(largest, c.services().length);
        }
        long t2 = System.nanoTime();
        return assemble(graph, dps, matched, assignment, options, optimal,
                new PlacementResult.Stats(graph.size(), graph.edgeCount(), matched.size(), matched.stream().mapToLong(m -> m.matches().size()).sum(),
                        pre.forcedServices(), pre.components().size(), largest, variables, constraints, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000));
    }

    /**
     * Turns a per-service choice into the result: pinned policies run at all of S_π / D_π; a free policy
     * runs once per CO, on the side its section was written for when that end hosts it, else on the other
     * end (paper encoding: one side for the whole policy).
     */
    static PlacementResult assemble(ServiceGraph g, List<Dataplane> dps, List<PolicyMatch> matched, int[] assignment, PlacementOptions options,
            boolean optimal, PlacementResult.Stats stats) {
        SortedMap<String, String> sidecars = new TreeMap<>();
        SortedMap<String, SidecarCost> sidecarCosts = new TreeMap<>();
        boolean loadAware = SidecarCost.loadAware(dps);
        long cost = 0;
        for (int s = 0; s < assignment.length; s++) {
            if (assignment[s] >= 0) {
                sidecars.put(g.service(s), dps.get(assignment[s]).name());
                SidecarCost c = SidecarCost.of(dps.get(assignment[s]), g, s);
                cost += c.total();
                if (loadAware) {
                    sidecarCosts.put(g.service(s), c);
                }
            }
        }
        SortedMap<String, Long> costs = new TreeMap<>();
        dps.forEach(d -> costs.put(d.name(), d.cost()));
        List<PlacementResult.PolicyPlacement> out = new ArrayList<>();
        for (PolicyMatch pm : matched) {
            Policy p = pm.policy();
            MatchSet m = pm.matches();
            SortedSet<String> egress = new TreeSet<>();
            SortedSet<String> ingress = new TreeSet<>();
            List<PlacementResult.EdgeExecution> edges = new ArrayList<>();
            if (!p.free()) {
                if (p.has(Side.EGRESS)) {
                    for (int s : m.sources()) {
                        egress.add(g.service(s));
                    }
                }
                if (p.has(Side.INGRESS)) {
                    for (int s : m.destinations()) {
                        ingress.add(g.service(s));
                    }
                }
            } else {
                Side preferred = p.has(Side.INGRESS) || !p.has(Side.EGRESS) ? Side.INGRESS : Side.EGRESS;
                Side uniform = null;
                if (options.paperEncoding()) {
                    boolean allD = hostsAll(m.destinations(), assignment, pm.hostMask());
                    boolean allS = hostsAll(m.sources(), assignment, pm.hostMask());
                    uniform = allD && (preferred == Side.INGRESS || !allS) ? Side.INGRESS : allS ? Side.EGRESS : null;
                }
                for (int k = 0; k < m.size(); k++) {
                    int u = m.source(k), w = m.destination(k);
                    Side side = uniform;
                    if (side == null) {
                        int atPreferred = preferred == Side.INGRESS ? w : u;
                        side = hosts(atPreferred, assignment, pm.hostMask()) ? preferred : other(preferred);
                    }
                    (side == Side.EGRESS ? egress : ingress).add(g.service(side == Side.EGRESS ? u : w));
                    edges.add(new PlacementResult.EdgeExecution(g.service(u), g.service(w), side));
                }
                edges.sort(java.util.Comparator.comparing(PlacementResult.EdgeExecution::from).thenComparing(PlacementResult.EdgeExecution::to));
            }
            out.add(new PlacementResult.PolicyPlacement(p.name(), p.free(), java.util.Collections.unmodifiableSortedSet(egress),
                    java.util.Collections.unmodifiableSortedSet(ingress), List.copyOf(edges)));
        }
        return new PlacementResult(g.name(), options.paperEncoding() ? "paper" : "edge", cost, optimal,
                java.util.Collections.unmodifiableSortedMap(sidecars), java.util.Collections.unmodifiableSortedMap(costs), List.copyOf(out), stats,
                java.util.Collections.unmodifiableSortedMap(sidecarCosts));
    }

    private static boolean hosts(int s, int[] assignment, long mask) {
        return assignment[s] >= 0 && (mask & (1L << assignment[s])) != 0;
    }

    private static boolean hostsAll(int[] services, int[] assignment, long mask) {
        for (int s : services) {
            if (!hosts(s, assignment, mask)) {
                return false;
            }
        }
        return true;
    }

    private static Side other(Side s) {
        return s == Side.EGRESS ? Side.INGRESS : Side.EGRESS;
    }
}
