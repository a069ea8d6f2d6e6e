package org.wire.placement.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.Stmt;
import org.wire.model.ctx.ContextRegex;
import org.wire.model.ctx.ServiceIds;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.placement.PlacementResult;
import org.wire.model.placement.PlacementResult.EdgeExecution;
import org.wire.model.placement.PlacementResult.PolicyPlacement;
import org.wire.model.plan.ContextMatch;
import org.wire.model.plan.EnforcementPlan;
import org.wire.model.plan.Rule;
import org.wire.model.plan.SidecarPlan;
import org.wire.placement.match.ContextAutomaton;
import org.wire.placement.match.MatchSet;
import org.wire.placement.match.MatchSetComputer;

/**
 * Turns a placement into what each sidecar runs (the back ends' input). Pinned policies run their egress
 * section at the source of every matching CO and their ingress section at its destination; a free policy runs
 * its whole body at the one end Wire chose for each CO edge, so an edge whose both ends have sidecars still runs
 * it once: an ingress rule then also restricts the caller when some callers of that destination are handled at
 * their own egress.
 */
public final class EnforcementPlanner {
    private EnforcementPlanner() {}

    /**
     * @param entryOriginsOnly the same origin choice the placement was computed with
     * @throws IllegalStateException when the placement puts a rule where it placed no sidecar (a Wire bug)
     */
    public static EnforcementPlan plan(ServiceGraph graph, List<Policy> policies, PlacementResult placement, ServiceIds ids,
            boolean entryOriginsOnly) {
        ContextRegex regex = new ContextRegex(ids);
        Map<String, PolicyPlacement> placed = new TreeMap<>();
        placement.policies().forEach(p -> placed.put(p.name(), p));
        TreeMap<String, List<Rule>> egress = new TreeMap<>();
        TreeMap<String, List<Rule>> ingress = new TreeMap<>();
        for (Policy policy : policies.stream().sorted(Comparator.comparing(Policy::name)).toList()) {
            MatchSet match = MatchSetComputer.compute(graph, ContextAutomaton.compile(policy.pattern()), entryOriginsOnly);
            TreeMap<String, TreeSet<String>> callersOf = new TreeMap<>(); // destination -> matching sources
            for (int i = 0; i < match.size(); i++) {
                callersOf.computeIfAbsent(graph.service(match.destination(i)), k -> new TreeSet<>()).add(graph.service(match.source(i)));
            }
            if (policy.free()) {
                PolicyPlacement where = placed.get(policy.name());
                if (where == null) {
                    throw new IllegalStateException("policy " + policy.name() + " has no placement");
                }
                List<Stmt> body = new ArrayList<>();
                for (Side s : List.of(Side.EGRESS, Side.INGRESS)) {
                    body.addAll(policy.sections().getOrDefault(s, List.of()));
                }
                TreeMap<String, TreeSet<String>> ownedByDestination = new TreeMap<>();
                for (EdgeExecution e : where.coEdges()) {
                    if (e.side() == Side.EGRESS) {
                        add(egress, e.from(), rule(policy, Side.EGRESS, e.from(), e.to(), new TreeSet<>(List.of(e.from())), regex, null, body));
                    } else {
                        ownedByDestination.computeIfAbsent(e.to(), k -> new TreeSet<>()).add(e.from());
                    }
                }
                ownedByDestination.forEach((w, owned) -> {
                    String callerRegex = owned.equals(callersOf.get(w)) ? null : regex.lastCallerIn(owned);
                    add(ingress, w, rule(policy, Side.INGRESS, w, w, owned, regex, callerRegex, body));
                });
            } else {
                if (policy.has(Side.EGRESS)) {
                    for (int i = 0; i < match.size(); i++) {
                        String u = graph.service(match.source(i)), w = graph.service(match.destination(i));
                        add(egress, u, rule(policy, Side.EGRESS, u, w, new TreeSet<>(List.of(u)), regex, null, policy.sections().get(Side.EGRESS)));
                    }
                }
                if (policy.has(Side.INGRESS)) {
                    callersOf.forEach((w, callers) -> add(ingress, w,
                            rule(policy, Side.INGRESS, w, w, callers, regex, null, policy.sections().get(Side.INGRESS))));
                }
            }
        }
        TreeMap<String, SidecarPlan> sidecars = new TreeMap<>();
        placement.sidecars().forEach((service, dataplane) -> sidecars.put(service,
                new SidecarPlan(service, dataplane, egress.getOrDefault(service, List.of()), ingress.getOrDefault(service, List.of()))));
        for (String s : union(egress.keySet(), ingress.keySet())) {
            if (!sidecars.containsKey(s)) {
                throw new IllegalStateException("placement runs a policy at " + s + " but placed no sidecar there");
            }
        }
        return new EnforcementPlan(ids, sidecars);
    }

    private static Rule rule(Policy policy, Side side, String at, String destination, SortedSet<String> callers, ContextRegex regex,
            String callerRegex, List<Stmt> body) {
        String chain = null;
        if (!policy.pattern().isMeshWide()) {
            Optional<String> r = regex.toDestination(policy.pattern(), destination);
            // the match set says a CO to this destination matches, so the quotient cannot be empty
            chain = r.orElseThrow(() -> new IllegalStateException("policy " + policy.name() + ": no chain reaches " + destination));
        }
        return new Rule(policy, side, at, destination, callers, new ContextMatch(chain, callerRegex), body);
    }

    private static void add(TreeMap<String, List<Rule>> rules, String at, Rule r) {
        rules.computeIfAbsent(at, k -> new ArrayList<>()).add(r);
    }

    private static SortedSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }
}
