package org.copper.build;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.wire.model.Dataplane;
import org.wire.model.SidecarCost;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.graph.ServiceGraph;
import org.wire.placement.match.ContextAutomaton;
import org.wire.placement.match.MatchSet;
import org.wire.placement.match.MatchSetComputer;

/**
 * The two placements the report compares Wire's against, on the same graph, policies and dataplanes.
 * <ul>
 * <li><b>every service</b> (Istio today): a sidecar at every service.</li>
 * <li><b>Istio++</b> (the paper's): a sidecar wherever a policy runs (S_π for a policy with an egress section,
 * D_π for one with an ingress section, D_π for a free policy) plus every service on a matching chain before
 * its destination, which must forward the context.</li>
 * </ul>
 * Each sidecar's dataplane: the cheapest offered (ties by name) that supports every policy running at that
 * service; when none supports them all, the most expensive offered. A service where no policy runs gets the
 * cheapest.
 */
public final class Baselines {
    private Baselines() {}

    /** One baseline placement: service → dataplane, and its total cost. */
    public record Baseline(String name, SortedMap<String, String> sidecars, long cost) {}

    public static Baseline everyService(ServiceGraph graph, List<Policy> policies, List<Dataplane> dataplanes) {
        return costed("sidecar at every service", new TreeSet<>(graph.services()), graph, policies, dataplanes);
    }

    public static Baseline istioPlusPlus(ServiceGraph graph, List<Policy> policies, List<Dataplane> dataplanes) {
        TreeSet<String> at = new TreeSet<>();
        for (Policy p : policies) {
            at.addAll(runsAt(graph, p));
            at.addAll(forwarders(graph, ContextAutomaton.compile(p.pattern())));
        }
        return costed("Istio++", at, graph, policies, dataplanes);
    }

    /** The services whose sidecar runs the policy in both baselines. */
    static SortedSet<String> runsAt(ServiceGraph graph, Policy p) {
        MatchSet m = MatchSetComputer.compute(graph, ContextAutomaton.compile(p.pattern()), false);
        TreeSet<String> at = new TreeSet<>();
        if (p.has(Side.EGRESS) && !p.free()) {
            for (int s : m.sources()) {
                at.add(graph.service(s));
            }
        }
        if (p.has(Side.INGRESS) || p.free()) {
            for (int d : m.destinations()) {
                at.add(graph.service(d));
            }
        }
        return at;
    }

    /**
     * Every service that is on some matching chain before its last hop: the product of automaton and graph,
     * states reachable from any origin that can still reach an accepting step.
     */
    static SortedSet<String> forwarders(ServiceGraph graph, ContextAutomaton dfa) {
        int n = graph.size(), states = dfa.stateCount();
        int[] cls = new int[n];
        for (int v = 0; v < n; v++) {
            cls[v] = dfa.classOf(graph.service(v));
        }
        boolean[][] reached = new boolean[states][n];
        List<int[]> queue = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            int s = dfa.step(dfa.start(), cls[v]);
            if (s >= 0 && !reached[s][v]) {
                reached[s][v] = true;
                queue.add(new int[] { s, v });
            }
        }
        for (int i = 0; i < queue.size(); i++) {
            int s = queue.get(i)[0], u = queue.get(i)[1];
            for (int w : graph.successors(u)) {
                int t = dfa.step(s, cls[w]);
                if (t >= 0 && !reached[t][w]) {
                    reached[t][w] = true;
                    queue.add(new int[] { t, w });
                }
            }
        }
        // leads[s][u]: from state s at service u, some further hop ends a match
        boolean[][] leads = new boolean[states][n];
        for (boolean changed = true; changed;) {
            changed = false;
            for (int s = 0; s < states; s++) {
                for (int u = 0; u < n; u++) {
                    if (leads[s][u]) {
                        continue;
                    }
                    for (int w : graph.successors(u)) {
                        int t = dfa.step(s, cls[w]);
                        if (t >= 0 && (dfa.accepting(t) || leads[t][w])) {
                            leads[s][u] = true;
                            changed = true;
                            break;
                        }
                    }
                }
            }
        }
        TreeSet<String> out = new TreeSet<>();
        for (int s = 0; s < states; s++) {
            for (int u = 0; u < n; u++) {
                if (reached[s][u] && leads[s][u]) {
                    out.add(graph.service(u));
                }
            }
        }
        return out;
    }

    private static Baseline costed(String name, SortedSet<String> at, ServiceGraph graph, List<Policy> policies, List<Dataplane> dataplanes) {
        SortedMap<String, List<Policy>> running = new TreeMap<>();
        for (Policy p : policies) {
            for (String s : runsAt(graph, p)) {
                running.computeIfAbsent(s, k -> new ArrayList<>()).add(p);
            }
        }
        TreeMap<String, String> sidecars = new TreeMap<>();
        long cost = 0;
        for (String s : at) {
            int i = graph.indexOf(s);
            Dataplane d = choose(running.getOrDefault(s, List.of()), dataplanes, graph, i);
            sidecars.put(s, d.name());
            cost += SidecarCost.of(d, graph, i).total();
        }
        return new Baseline(name, sidecars, cost);
    }

    /** The dataplane cheapest at service i (costs may follow load) that runs every policy there, else the dearest. */
    static Dataplane choose(List<Policy> running, List<Dataplane> dataplanes, ServiceGraph graph, int i) {
        Comparator<Dataplane> byCost = Comparator.comparingLong((Dataplane d) -> SidecarCost.of(d, graph, i).total()).thenComparing(Dataplane::name);
        return dataplanes.stream().filter(d -> running.stream().allMatch(p -> d.iface().supportsAll(p))).min(byCost)
                .orElseGet(() -> dataplanes.stream().max(byCost).orElseThrow());
    }
}
